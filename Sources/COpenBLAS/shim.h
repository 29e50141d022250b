#ifndef GANPORT_COPENBLAS_SHIM_H
#define GANPORT_COPENBLAS_SHIM_H
/*
 * The few CBLAS / OpenBLAS entry points GANPort uses, bound lazily with dlopen.
 *
 * Linking OpenBLAS into the executable would run its constructor (which starts a thread pool)
 * at every process start, also for commands that never multiply a matrix (`inspect`,
 * `convert`). Binding on first use keeps those fast, and lets the engine fix the BLAS thread
 * count before the library initialises. The names and signatures are those of <cblas.h>.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

typedef enum CBLAS_ORDER { CblasRowMajor = 101, CblasColMajor = 102 } CBLAS_ORDER;
typedef enum CBLAS_TRANSPOSE { CblasNoTrans = 111, CblasTrans = 112, CblasConjTrans = 113 } CBLAS_TRANSPOSE;

static inline void *ganport_openblas_symbol(const char *name) {
    static void *volatile handle = NULL;
    void *library = __atomic_load_n(&handle, __ATOMIC_ACQUIRE);
    if (library == NULL) {
        /* The engine splits work over its own threads; OpenBLAS runs single-threaded. */
        setenv("OPENBLAS_NUM_THREADS", "1", 1);
        library = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
        if (library == NULL) library = dlopen("libopenblas.so", RTLD_NOW | RTLD_LOCAL);
        if (library == NULL) {
            fprintf(stderr, "ganport: error: OpenBLAS (libopenblas.so.0) could not be loaded: %s; install libopenblas0 (tools/install-system-packages.sh)\n", dlerror());
            exit(3);
        }
        __atomic_store_n(&handle, library, __ATOMIC_RELEASE);
    }
    void *symbol = dlsym(library, name);
    if (symbol == NULL) {
        fprintf(stderr, "ganport: error: OpenBLAS lacks %s\n", name);
        exit(3);
    }
    return symbol;
}

#define GANPORT_BLAS_FUNCTION(type, name) \
    static type volatile cached = NULL; \
    type function = __atomic_load_n(&cached, __ATOMIC_ACQUIRE); \
    if (function == NULL) { \
        function = (type)ganport_openblas_symbol(name); \
        __atomic_store_n(&cached, function, __ATOMIC_RELEASE); \
    }

typedef void (*ganport_sgemm_t)(CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, int, int, int, float, const float *, int,
                                const float *, int, float, float *, int);
typedef void (*ganport_dgemm_t)(CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, int, int, int, double, const double *, int,
                                const double *, int, double, double *, int);
typedef void (*ganport_set_threads_t)(int);
typedef int (*ganport_get_threads_t)(void);
typedef char *(*ganport_corename_t)(void);

static inline void cblas_sgemm(CBLAS_ORDER order, CBLAS_TRANSPOSE transA, CBLAS_TRANSPOSE transB, int m, int n, int k,
                               float alpha, const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc) {
    GANPORT_BLAS_FUNCTION(ganport_sgemm_t, "cblas_sgemm")
    function(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

static inline void cblas_dgemm(CBLAS_ORDER order, CBLAS_TRANSPOSE transA, CBLAS_TRANSPOSE transB, int m, int n, int k,
                               double alpha, const double *a, int lda, const double *b, int ldb, double beta, double *c, int ldc) {
    GANPORT_BLAS_FUNCTION(ganport_dgemm_t, "cblas_dgemm")
    function(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

static inline void openblas_set_num_threads(int count) {
    GANPORT_BLAS_FUNCTION(ganport_set_threads_t, "openblas_set_num_threads")
    function(count);
}

static inline int openblas_get_num_threads(void) {
    GANPORT_BLAS_FUNCTION(ganport_get_threads_t, "openblas_get_num_threads")
    return function();
}

static inline char *openblas_get_corename(void) {
    GANPORT_BLAS_FUNCTION(ganport_corename_t, "openblas_get_corename")
    return function();
}

#endif
