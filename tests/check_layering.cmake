# Fails when a source file breaks the layering: Qt in core/, yaml-cpp outside core/io/ (in core/,
# session/, ui/, app/ or bench/), the ONNX and protobuf headers outside core/onnx_import/, Qt Widgets
# in session/, or a core/ folder including a folder above it. Run as: cmake -DSOURCE_DIR=... -P check_layering.cmake
#
# Qt in core/ and Widgets in session/ also fail to compile (those targets do not link them); this
# check names the file and the rule. yaml-cpp's headers are on the system include path, so only this
# check keeps them inside core/io/.
set(violations "")

# The core/ folders, lowest first: a file may include its own folder and the ones before it, so the
# folders form no cycle.
set(core_ranks util model schedule cost solve run sweep report io onnx_import)
list(LENGTH core_ranks n_ranks)
math(EXPR last_rank "${n_ranks} - 1")
foreach(rank RANGE ${last_rank})
  list(GET core_ranks ${rank} folder)
  file(GLOB_RECURSE folder_files ${SOURCE_DIR}/core/${folder}/*.h ${SOURCE_DIR}/core/${folder}/*.cpp)
  foreach(f ${folder_files})
    file(STRINGS ${f} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"[a-z_]+/")
    foreach(line ${includes})
      string(REGEX MATCH "\"([a-z_]+)/" _ "${line}")
      list(FIND core_ranks "${CMAKE_MATCH_1}" included_rank)
      if(included_rank GREATER rank)
        list(APPEND violations "${f}: core/${folder}/ must not include core/${CMAKE_MATCH_1}/, a folder above it: ${line}")
      endif()
    endforeach()
  endforeach()
endforeach()

file(GLOB_RECURSE core_files ${SOURCE_DIR}/core/*.h ${SOURCE_DIR}/core/*.cpp)
foreach(f ${core_files})
  file(STRINGS ${f} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](Q[A-Za-z]|Qt[A-Za-z]*/|qcustomplot)")
  if(lines)
    list(APPEND violations "${f}: core/ must not include Qt: ${lines}")
  endif()
endforeach()

file(GLOB_RECURSE all_files ${SOURCE_DIR}/core/*.h ${SOURCE_DIR}/core/*.cpp ${SOURCE_DIR}/session/*.h
     ${SOURCE_DIR}/session/*.cpp ${SOURCE_DIR}/ui/*.h
     ${SOURCE_DIR}/ui/*.cpp ${SOURCE_DIR}/app/*.h ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/bench/*.h
     ${SOURCE_DIR}/bench/*.cpp)
# Headers that only the sources under one folder may include.
function(allow_headers_only_in folder include_regex what)
  foreach(f ${all_files})
    string(FIND "${f}" "${SOURCE_DIR}/${folder}" inside)
    if(NOT inside EQUAL 0)
      file(STRINGS ${f} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](${include_regex})")
      if(lines)
        list(APPEND violations "${f}: ${what} allowed only in ${folder}: ${lines}")
      endif()
    endif()
  endforeach()
  set(violations "${violations}" PARENT_SCOPE)
endfunction()

allow_headers_only_in(core/io/ "yaml-cpp" "yaml-cpp is")
# Protobuf's headers are heavy and ONNX's define the namespace `onnx`: only the importer's own sources
# include them (its public header onnx_import.h names neither).
allow_headers_only_in(core/onnx_import/ "onnx/|google/protobuf/" "the ONNX and protobuf headers are")
foreach(f ${SOURCE_DIR}/core/onnx_import/onnx_import.h)
  file(STRINGS ${f} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](onnx/|google/protobuf/)")
  if(lines)
    list(APPEND violations "${f}: the importer's public header must not include ONNX or protobuf: ${lines}")
  endif()
endforeach()

file(GLOB_RECURSE session_files ${SOURCE_DIR}/session/*.h ${SOURCE_DIR}/session/*.cpp)
foreach(f ${session_files})
  file(STRINGS ${f} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](QtWidgets|QWidget|QMainWindow|QDialog|QApplication|qcustomplot)")
  if(lines)
    list(APPEND violations "${f}: session/ must not use Qt Widgets: ${lines}")
  endif()
endforeach()

list(LENGTH core_files n_core)
if(n_core EQUAL 0)
  message(FATAL_ERROR "layering check found no core/ sources under ${SOURCE_DIR}")
endif()
if(violations)
  string(REPLACE ";" "\n" text "${violations}")
  message(FATAL_ERROR "Layering violations:\n${text}")
endif()
message(STATUS "layering ok: ${n_core} core files checked")
