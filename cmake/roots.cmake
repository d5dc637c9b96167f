# Include roots by folder. Every quoted include in vcheck names a file by its
# path in the repository ("harness/util/vec.h", "guests/lib/record.h"); the
# shared headers are "vcheck/..." (include/), and guest code reaches its
# architecture's headers as "arch/..." (guests/arch/<arch>/, as
# kvm-unit-tests' <asm/...>).
#
# vc_include_roots(TARGET FOLDER...) gives TARGET only the folders listed:
# it builds a directory of links, one per folder, under its own path, and
# puts that directory on TARGET's include path. An include of a folder the
# target may not use (a guest runtime file reaching into suites/, a harness
# stage reaching a later one) is then "No such file": the layering is
# checked by every build, not by review. "arch=guests/arch/aarch64" links a
# folder under another name.
function(vc_include_roots target)
  set(farm ${CMAKE_BINARY_DIR}/roots/${target})
  file(REMOVE_RECURSE ${farm})
  foreach(entry ${ARGN})
    if(entry MATCHES "^([^=]+)=(.+)$")
      set(name ${CMAKE_MATCH_1})
      set(dir ${CMAKE_MATCH_2})
    else()
      set(name ${entry})
      set(dir ${entry})
    endif()
    if(NOT IS_DIRECTORY ${VC_ROOT}/${dir})
      message(FATAL_ERROR "vc_include_roots(${target}): no folder ${dir}")
    endif()
    get_filename_component(parent ${farm}/${name} DIRECTORY)
    file(MAKE_DIRECTORY ${parent})
    file(CREATE_LINK ${VC_ROOT}/${dir} ${farm}/${name} SYMBOLIC)
  endforeach()
  target_include_directories(${target} PRIVATE ${farm} ${VC_ROOT}/include)
endfunction()
