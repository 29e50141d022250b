#ifndef GANPORT_CFILECOPY_SHIM_H
#define GANPORT_CFILECOPY_SHIM_H
/* copy_file_range(2) (glibc ≥ 2.27), which Swift's Glibc module does not declare. It copies file
   bytes inside the kernel: no user-space buffer and no page faults on a mapped source. */
#include <stddef.h>
#include <sys/types.h>

ssize_t copy_file_range(int fd_in, long long *off_in, int fd_out, long long *off_out, size_t len, unsigned int flags);

static inline long ganport_copy_file_range(int source, long long *source_offset, int destination,
                                           long long *destination_offset, size_t count) {
    return (long)copy_file_range(source, source_offset, destination, destination_offset, count, 0);
}
#endif
