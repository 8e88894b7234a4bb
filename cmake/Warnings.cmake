# Project-wide warning flags; -Werror in CI (KAPLA_WERROR=ON).
function(kapla_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Woverloaded-virtual -Wformat=2)
  if(KAPLA_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
