#ifndef GANPORT_COPENBLAS_SHIM_H
#define GANPORT_COPENBLAS_SHIM_H
#include <cblas.h>
/* OpenBLAS threading control (declared in cblas.h of OpenBLAS; repeated for clarity). */
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
#endif
