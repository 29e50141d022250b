#ifndef GANPORT_CJPEG_SHIM_H
#define GANPORT_CJPEG_SHIM_H
/* libjpeg(-turbo) reports fatal errors by calling error_exit, which must not return. The only
   safe way back is longjmp; these wrappers set the jump point in C and keep every libjpeg call
   inside C frames, so a corrupt file never unwinds through Swift. Each call returns 0 on success
   or a GANPORT_JPEG_* code, with libjpeg's message in `message` (JMSG_LENGTH_MAX bytes). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>
#include <jerror.h>

enum {
    GANPORT_JPEG_OK = 0,
    GANPORT_JPEG_LIBRARY_ERROR = 1,   /* libjpeg's error_exit (corrupt or unsupported stream) */
    GANPORT_JPEG_WARNING = 2,         /* a libjpeg warning (corrupt data it would paper over) */
    GANPORT_JPEG_TRUNCATED = 3,       /* premature end of the data */
    GANPORT_JPEG_TOO_MANY_SCANS = 4,  /* more progressive scans than allowed */
    GANPORT_JPEG_COLOR_SPACE = 5,     /* not grayscale or YCbCr/RGB */
    GANPORT_JPEG_SIZE_MISMATCH = 6,   /* output buffer or dimensions differ from the header */
    GANPORT_JPEG_MESSAGE_LENGTH = JMSG_LENGTH_MAX
};

typedef struct {
    struct jpeg_error_mgr base;
    struct jpeg_progress_mgr progress;
    jmp_buf jump;
    int code;
    int max_scans;
    char *message;
} ganport_jpeg_error_mgr;

static void ganport_jpeg_error_exit(j_common_ptr cinfo) {
    ganport_jpeg_error_mgr *err = (ganport_jpeg_error_mgr *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, err->message);
    err->code = GANPORT_JPEG_LIBRARY_ERROR;
    longjmp(err->jump, 1);
}

/* Warnings (level -1) are fatal here: libjpeg would substitute gray for corrupt data. */
static void ganport_jpeg_emit_message(j_common_ptr cinfo, int level) {
    if (level >= 0) return;
    ganport_jpeg_error_mgr *err = (ganport_jpeg_error_mgr *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, err->message);
    err->code = cinfo->err->msg_code == JWRN_JPEG_EOF ? GANPORT_JPEG_TRUNCATED : GANPORT_JPEG_WARNING;
    longjmp(err->jump, 1);
}

/* Bounds the number of progressive scans (a tiny file can otherwise hold thousands). */
static void ganport_jpeg_progress(j_common_ptr cinfo) {
    ganport_jpeg_error_mgr *err = (ganport_jpeg_error_mgr *)cinfo->err;
    if (cinfo->is_decompressor) {
        j_decompress_ptr dinfo = (j_decompress_ptr)cinfo;
        if (dinfo->input_scan_number > err->max_scans) {
            snprintf(err->message, JMSG_LENGTH_MAX, "more than %d scans", err->max_scans);
            err->code = GANPORT_JPEG_TOO_MANY_SCANS;
            longjmp(err->jump, 1);
        }
    }
}

/* Zeroes the decompressor and routes libjpeg's errors and warnings to `err` (which the caller arms
   with setjmp in its own frame before any libjpeg call). */
static inline void ganport_jpeg_prepare(struct jpeg_decompress_struct *cinfo, ganport_jpeg_error_mgr *err,
                                        char *message, int max_scans) {
    memset(cinfo, 0, sizeof(*cinfo));
    memset(err, 0, sizeof(*err));
    message[0] = 0;
    cinfo->err = jpeg_std_error(&err->base);
    err->base.error_exit = ganport_jpeg_error_exit;
    err->base.emit_message = ganport_jpeg_emit_message;
    err->message = message;
    err->max_scans = max_scans;
}

/* Reads the header and the output geometry: width, height and channels (1 gray, 3 RGB). */
static inline int ganport_jpeg_read_header(const unsigned char *data, unsigned long size, int max_scans,
                                           int *width, int *height, int *channels, char *message) {
    struct jpeg_decompress_struct cinfo;
    ganport_jpeg_error_mgr err;
    ganport_jpeg_prepare(&cinfo, &err, message, max_scans);
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return err.code;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, size);
    jpeg_read_header(&cinfo, TRUE);
    int code = GANPORT_JPEG_OK;
    if (cinfo.jpeg_color_space == JCS_GRAYSCALE) {
        *channels = 1;
    } else if (cinfo.jpeg_color_space == JCS_YCbCr || cinfo.jpeg_color_space == JCS_RGB) {
        *channels = 3;
    } else {
        snprintf(message, JMSG_LENGTH_MAX, "color space %d (only grayscale, YCbCr and RGB are read)", (int)cinfo.jpeg_color_space);
        code = GANPORT_JPEG_COLOR_SPACE;
    }
    *width = (int)cinfo.image_width;
    *height = (int)cinfo.image_height;
    jpeg_destroy_decompress(&cinfo);
    return code;
}

/* Decodes into `out` (height rows of width × channels bytes), with libjpeg's defaults as PIL
   uses them (islow DCT, fancy upsampling). The geometry must equal the header's. */
static inline int ganport_jpeg_decode(const unsigned char *data, unsigned long size, int max_scans,
                                      unsigned char *out, size_t out_size, int width, int height, int channels,
                                      char *message) {
    struct jpeg_decompress_struct cinfo;
    ganport_jpeg_error_mgr err;
    ganport_jpeg_prepare(&cinfo, &err, message, max_scans);
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return err.code;
    }
    jpeg_create_decompress(&cinfo);
    err.progress.progress_monitor = ganport_jpeg_progress;
    cinfo.progress = &err.progress;
    jpeg_mem_src(&cinfo, data, size);
    jpeg_read_header(&cinfo, TRUE);
    cinfo.out_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(&cinfo);
    size_t row_bytes = (size_t)cinfo.output_width * (size_t)cinfo.output_components;
    if ((int)cinfo.output_width != width || (int)cinfo.output_height != height || cinfo.output_components != channels
        || out_size / (row_bytes ? row_bytes : 1) < (size_t)height || out_size != row_bytes * (size_t)height) {
        snprintf(message, JMSG_LENGTH_MAX, "decoder geometry differs from the header");
        jpeg_destroy_decompress(&cinfo);
        return GANPORT_JPEG_SIZE_MISMATCH;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = out + (size_t)cinfo.output_scanline * row_bytes;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return GANPORT_JPEG_OK;
}
#endif
