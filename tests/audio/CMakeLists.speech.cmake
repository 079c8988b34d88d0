# The speech service and clip helpers: resampling, both engines, the caches, voice choice.
# Included from tests/CMakeLists.txt; paths are relative to this folder.
add_executable(test_speech ${CMAKE_CURRENT_LIST_DIR}/test_speech.c)
target_link_libraries(test_speech PRIVATE pacer_speech pacer_util PkgConfig::CMOCKA m)
add_test(NAME audio/speech COMMAND test_speech)
set_tests_properties(audio/speech PROPERTIES TIMEOUT 120)
