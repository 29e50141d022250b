#ifndef GANPORT_CZLIB_SHIM_H
#define GANPORT_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 / deflateInit2 are macros; expose them as functions. */
static inline int ganport_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
static inline int ganport_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
/* The zlib wrapper (RFC 1950: header and Adler-32), as PNG's image data uses it. */
static inline int ganport_inflate_init_zlib(z_stream *stream) {
    return inflateInit2(stream, MAX_WBITS);
}
static inline int ganport_deflate_init_zlib(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
#endif
