# The speech service and clip helpers: resampling, the engines, the caches, voice choice.
# Included from tests/CMakeLists.txt; paths are relative to this folder.
add_executable(test_speech ${CMAKE_CURRENT_LIST_DIR}/test_speech.c)
target_link_libraries(test_speech PRIVATE pacer_speech pacer_util pacer_test_support PkgConfig::CMOCKA ${CMAKE_DL_LIBS} m)
add_test(NAME audio/speech COMMAND test_speech)
# TIMEOUT: a hang guard. Under the sanitizers the test needs about 11 s of processor time;
# with both cores busy it was given a twentieth of one and took 230 s.
set_tests_properties(audio/speech PROPERTIES TIMEOUT 1200)

# The same test under valgrind memcheck, on fewer cases. valgrind.supp explains its one
# suppression (espeak-ng's never-joined worker thread).
pacer_valgrind_test(audio/speech_valgrind test_speech
                    OPTIONS --suppressions=${CMAKE_CURRENT_LIST_DIR}/valgrind.supp
                    PROPERTIES ENVIRONMENT "PACER_TEST_QUICK=1")

# Festival's slt voice, run as a child program; skipped (77) where it is not installed.
add_executable(test_speech_festival ${CMAKE_CURRENT_LIST_DIR}/test_speech_festival.c)
target_link_libraries(test_speech_festival PRIVATE pacer_speech pacer_util pacer_test_support PkgConfig::CMOCKA m)
add_test(NAME audio/speech_festival COMMAND test_speech_festival)
set_tests_properties(audio/speech_festival PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 1200)
add_test(NAME audio/festival_check COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/festival_check.sh $<TARGET_FILE:pacer>)
set_tests_properties(audio/festival_check PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)
