# Speech: flite (English) and espeak-ng (other languages) linked as libraries, Festival (an
# optional English voice) run as a child program, the clip
# helpers (resampling, trimming, normalizing) and the speech cache. Included from
# core/CMakeLists.txt; paths are relative to this folder.

find_package(PkgConfig REQUIRED)
pkg_check_modules(ESPEAK_NG REQUIRED IMPORTED_TARGET espeak-ng)

# Debian's flite1-dev ships no pkg-config file. flite and its voices are not linked: they are
# opened with dlopen when speech is synthesized and closed once it is prepared (see
# speech_flite.c); the libraries are only looked for here, so that a missing flite is
# reported when configuring.
find_path(FLITE_INCLUDE_DIR flite.h PATH_SUFFIXES flite REQUIRED)
foreach(_lib flite_cmu_us_slt flite_usenglish flite_cmulex flite)
  string(TOUPPER "${_lib}" _var)
  find_library(${_var}_LIBRARY ${_lib} REQUIRED)
endforeach()

add_library(pacer_speech STATIC
  ${CMAKE_CURRENT_LIST_DIR}/clip.c
  ${CMAKE_CURRENT_LIST_DIR}/pace.c
  ${CMAKE_CURRENT_LIST_DIR}/speech.c
  ${CMAKE_CURRENT_LIST_DIR}/speech_flite.c
  ${CMAKE_CURRENT_LIST_DIR}/speech_espeak.c
  ${CMAKE_CURRENT_LIST_DIR}/speech_festival.c
  ${CMAKE_CURRENT_LIST_DIR}/speech_cache.c)
target_include_directories(pacer_speech PUBLIC ${CMAKE_CURRENT_LIST_DIR})
# SYSTEM: flite's headers declare functions without prototypes.
target_include_directories(pacer_speech SYSTEM PRIVATE ${FLITE_INCLUDE_DIR})
target_link_libraries(pacer_speech
  PUBLIC pacer_util
  PRIVATE PkgConfig::ESPEAK_NG PkgConfig::SODIUM ${CMAKE_DL_LIBS} m)
