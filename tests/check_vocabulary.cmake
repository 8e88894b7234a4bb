# Fails when a string literal in the views, figures, session, CLI or report text names a dimension,
# tensor or partition type by another vocabulary than core/report/vocabulary.cpp's: nn_dataflow's
# partition keywords (OUTP, OFMP, BATP, INPP) or loop and data-category abbreviations (IFM, OFM, FIL,
# BAT). Those names appear only in the vocabulary (as nn_dataflow's names, for the tooltips) and in the
# file formats (core/io, core/schedule). A literal that is only a hardware or energy component's short
# name ("GBUF", "NoC", "Static", …) is a label that belongs to the vocabulary too (termShortName,
# energyComponentLabel); running text may name them. Run as: cmake -DSOURCE_DIR=... -P check_vocabulary.cmake
set(violations "")
file(GLOB_RECURSE scanned ${SOURCE_DIR}/ui/*.h ${SOURCE_DIR}/ui/*.cpp ${SOURCE_DIR}/session/*.h
     ${SOURCE_DIR}/session/*.cpp ${SOURCE_DIR}/app/*.h ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/core/report/*.h
     ${SOURCE_DIR}/core/report/*.cpp)
list(FILTER scanned EXCLUDE REGEX "/core/report/vocabulary\\.(h|cpp)$")
set(word "(OUTP|OFMP|BATP|INPP|IFM|OFM|FIL|BAT)")
set(literal "\"([^\"]*[^A-Za-z_\"])?${word}([^A-Za-z_\"][^\"]*)?\"")
set(label "\"(MAC|DRAM|GBUF|ITCN|REGF|NoC|Static)\"")
foreach(f ${scanned})
  file(STRINGS ${f} lines ENCODING UTF-8 REGEX "${literal}|${label}")
  foreach(line ${lines})
    if(NOT line MATCHES "^[ \t]*//")
      string(APPEND violations "${f}: a name outside the vocabulary (core/report/vocabulary.h): ${line}\n")
    endif()
  endforeach()
endforeach()
if(violations)
  message(FATAL_ERROR "${violations}")
endif()
