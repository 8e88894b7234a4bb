# Project-wide warning flags; -Werror in CI (KAPLA_WERROR=ON).
function(kapla_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Woverloaded-virtual -Wformat=2)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 reports impossible sizes for inlined std::string concatenation at -O2/-O3 (GCC bug 105329).
    target_compile_options(${target} PRIVATE -Wno-stringop-overflow -Wno-restrict)
  endif()
  if(KAPLA_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
