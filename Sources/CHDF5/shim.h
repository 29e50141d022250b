#ifndef GANPORT_CHDF5_SHIM_H
#define GANPORT_CHDF5_SHIM_H
#include <hdf5/serial/hdf5.h>
#include <stdio.h>

/* The HDF5 "constants" below are comma-expression macros that Swift cannot import. */
static inline hid_t ganport_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t ganport_h5t_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t ganport_h5t_native_int8(void) { return H5T_NATIVE_INT8; }
static inline hid_t ganport_h5t_native_uint8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t ganport_h5t_native_int16(void) { return H5T_NATIVE_INT16; }
static inline hid_t ganport_h5t_native_int32(void) { return H5T_NATIVE_INT32; }
static inline hid_t ganport_h5t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t ganport_h5t_native_hbool(void) { return H5T_NATIVE_HBOOL; }
static inline hid_t ganport_h5t_ieee_f16le_unused(void) { return H5T_IEEE_F32LE; }
static inline hid_t ganport_h5t_ieee_f32le(void) { return H5T_IEEE_F32LE; }
static inline hid_t ganport_h5t_ieee_f64le(void) { return H5T_IEEE_F64LE; }
static inline hid_t ganport_h5t_std_i64le(void) { return H5T_STD_I64LE; }
static inline hid_t ganport_h5t_std_i32le(void) { return H5T_STD_I32LE; }
static inline hid_t ganport_h5t_std_i16le(void) { return H5T_STD_I16LE; }
static inline hid_t ganport_h5t_std_i8le(void) { return H5T_STD_I8LE; }
static inline hid_t ganport_h5t_std_u8le(void) { return H5T_STD_U8LE; }
static inline hid_t ganport_h5t_c_s1(void) { return H5T_C_S1; }
static inline hid_t ganport_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t ganport_h5p_file_access(void) { return H5P_FILE_ACCESS; }
static inline hid_t ganport_h5p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline hid_t ganport_h5s_all(void) { return H5S_ALL; }
static inline unsigned ganport_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned ganport_h5f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline hsize_t ganport_h5s_unlimited(void) { return H5S_UNLIMITED; }

static inline hid_t ganport_h5t_native_uint64(void) { return H5T_NATIVE_UINT64; }
static inline hid_t ganport_h5p_link_create(void) { return H5P_LINK_CREATE; }
static inline hid_t ganport_h5e_default(void) { return H5E_DEFAULT; }
static inline size_t ganport_h5t_variable(void) { return H5T_VARIABLE; }
static inline unsigned ganport_h5f_acc_excl(void) { return H5F_ACC_EXCL; }

/* 16-bit float types (HDF5 1.10 predefines none): IEEE half as h5py writes it, and bfloat16. */
static inline hid_t ganport_h5t_make_float16(unsigned short exponent_bits, unsigned short mantissa_bits, unsigned ebias) {
    hid_t type = H5Tcopy(H5T_IEEE_F32LE);
    if (type < 0) return type;
    if (H5Tset_fields(type, 15, mantissa_bits, exponent_bits, 0, mantissa_bits) < 0 ||
        H5Tset_size(type, 2) < 0 || H5Tset_ebias(type, ebias) < 0) {
        H5Tclose(type);
        return -1;
    }
    return type;
}
static inline hid_t ganport_h5t_ieee_f16le_create(void) { return ganport_h5t_make_float16(5, 10, 15); }
static inline hid_t ganport_h5t_bf16le_create(void) { return ganport_h5t_make_float16(8, 7, 127); }

/* Object and link queries, kept here so the 1.10/1.12 API differences stay out of Swift. */
static inline herr_t ganport_h5o_identity(hid_t loc, const char *name, H5O_type_t *type, unsigned long *fileno, haddr_t *addr) {
    H5O_info_t info;
    herr_t status = H5Oget_info_by_name2(loc, name, &info, H5O_INFO_BASIC, H5P_DEFAULT);
    if (status < 0) return status;
    *type = info.type;
    *fileno = info.fileno;
    *addr = info.addr;
    return 0;
}
static inline herr_t ganport_h5l_type(hid_t loc, const char *name, H5L_type_t *type, size_t *value_size) {
    H5L_info_t info;
    herr_t status = H5Lget_info(loc, name, &info, H5P_DEFAULT);
    if (status < 0) return status;
    *type = info.type;
    *value_size = (info.type == H5L_TYPE_HARD) ? 0 : info.u.val_size;
    return 0;
}

static inline herr_t ganport_h5o_attribute_count(hid_t object, hsize_t *count) {
    H5O_info_t info;
    herr_t status = H5Oget_info2(object, &info, H5O_INFO_NUM_ATTRS);
    if (status < 0) return status;
    *count = info.num_attrs;
    return 0;
}

/* Collects the descriptions on the current thread's error stack (innermost first) into buf, then clears it. */
typedef struct { char *buf; size_t size; size_t used; } ganport_h5e_sink;
static inline herr_t ganport_h5e_collect(unsigned n, const H5E_error2_t *err, void *data) {
    ganport_h5e_sink *sink = (ganport_h5e_sink *)data;
    (void)n;
    if (err == NULL || err->desc == NULL || err->desc[0] == 0 || sink->used + 1 >= sink->size) return 0;
    int written = snprintf(sink->buf + sink->used, sink->size - sink->used, "%s%s", sink->used ? "; " : "", err->desc);
    if (written > 0) {
        size_t room = sink->size - sink->used - 1;
        sink->used += ((size_t)written < room) ? (size_t)written : room;
    }
    return 0;
}
static inline void ganport_h5e_take_message(char *buf, size_t size) {
    if (size == 0) return;
    buf[0] = 0;
    ganport_h5e_sink sink = { buf, size, 0 };
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, ganport_h5e_collect, &sink);
    H5Eclear2(H5E_DEFAULT);
}
static inline void ganport_h5e_silence(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }

#endif
