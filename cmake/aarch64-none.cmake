# Bare-metal aarch64 guest images with Debian's cross compiler.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(VC_CROSS_PREFIX aarch64-linux-gnu- CACHE STRING "cross toolchain prefix")
set(CMAKE_C_COMPILER ${VC_CROSS_PREFIX}gcc)
set(CMAKE_ASM_COMPILER ${VC_CROSS_PREFIX}gcc)
set(CMAKE_OBJCOPY ${VC_CROSS_PREFIX}objcopy CACHE FILEPATH "objcopy")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
