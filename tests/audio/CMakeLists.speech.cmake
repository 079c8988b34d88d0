# The speech service and clip helpers: resampling, both engines, the caches, voice choice.
# Included from tests/CMakeLists.txt; paths are relative to this folder.
add_executable(test_speech ${CMAKE_CURRENT_LIST_DIR}/test_speech.c)
target_link_libraries(test_speech PRIVATE pacer_speech pacer_util PkgConfig::CMOCKA ${CMAKE_DL_LIBS} m)
add_test(NAME audio/speech COMMAND test_speech)
set_tests_properties(audio/speech PROPERTIES TIMEOUT 120)

# The same test under valgrind memcheck (not with the sanitizers: they do not mix), on fewer
# cases. valgrind.supp explains its one suppression (espeak-ng's never-joined worker thread).
find_program(PACER_VALGRIND valgrind)
if(PACER_VALGRIND AND NOT PACER_SANITIZE)
  add_test(NAME audio/speech_valgrind
           COMMAND ${PACER_VALGRIND} -q --fair-sched=yes --error-exitcode=99 --leak-check=full
                   --suppressions=${CMAKE_CURRENT_LIST_DIR}/valgrind.supp $<TARGET_FILE:test_speech>)
  set_tests_properties(audio/speech_valgrind PROPERTIES TIMEOUT 900 ENVIRONMENT "PACER_TEST_QUICK=1")
endif()
