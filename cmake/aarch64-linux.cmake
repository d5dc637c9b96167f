# The host tool (bin/vcheck) for aarch64 Linux with Debian's cross compiler
# (gcc-aarch64-linux-gnu + libc6-dev-arm64-cross), linked statically so that
# it runs in the nested-KVM lane's L1 initramfs, which has no libc of its
# own. Used by ci/vcheck-arm64.sh with -DVC_BUILD_GUESTS=OFF -DVC_QEMU10=OFF.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(VC_CROSS_PREFIX aarch64-linux-gnu- CACHE STRING "cross toolchain prefix")
set(CMAKE_C_COMPILER ${VC_CROSS_PREFIX}gcc)
set(CMAKE_EXE_LINKER_FLAGS_INIT -static)
# Look for libraries and headers in the arm64 tree only: the host's
# x86-64 cmocka and libfdt must not be picked up (the unit tests are then
# skipped, which is what this build wants: they cannot run here).
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
