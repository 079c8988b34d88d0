# The speech service and clip helpers: resampling, both engines, the caches, voice choice.
# Included from tests/CMakeLists.txt; paths are relative to this folder.
add_executable(test_speech ${CMAKE_CURRENT_LIST_DIR}/test_speech.c)
target_link_libraries(test_speech PRIVATE pacer_speech pacer_util pacer_test_support PkgConfig::CMOCKA ${CMAKE_DL_LIBS} m)
add_test(NAME audio/speech COMMAND test_speech)
# TIMEOUT: a hang guard; both engines speak about 40 texts, slow under the sanitizers on a busy machine
set_tests_properties(audio/speech PROPERTIES TIMEOUT 600)

# The same test under valgrind memcheck, on fewer cases. valgrind.supp explains its one
# suppression (espeak-ng's never-joined worker thread).
pacer_valgrind_test(audio/speech_valgrind test_speech
                    OPTIONS --suppressions=${CMAKE_CURRENT_LIST_DIR}/valgrind.supp
                    PROPERTIES ENVIRONMENT "PACER_TEST_QUICK=1")
