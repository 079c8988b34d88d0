# Writes the manual pages and the shell completions by running the pacer just built, so they
# are printed from the program's own tables and registry and cannot drift from it.
#   cmake -DPACER=path/to/pacer -DOUT=folder -P generate.cmake
# The pacer runs with an empty home: no plugin or session of the user's finds its way in.
set(home "${OUT}/home")
file(REMOVE_RECURSE "${home}")
file(MAKE_DIRECTORY "${home}")

# run(FILE ARGS...): pacer ARGS > OUT/FILE, or a fatal error.
function(run file)
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env HOME=${home} XDG_DATA_HOME=${home}/data XDG_CACHE_HOME=${home}/cache
            XDG_STATE_HOME=${home}/state PACER_NO_SPEECH=1 ${PACER} ${ARGN}
    OUTPUT_FILE "${OUT}/${file}"
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pacer ${ARGN} failed (${rc})")
  endif()
endfunction()

run(pacer.1 help --man)
run(pacer-session.5 api-reference --man)
run(pacer.bash completion bash)
run(_pacer completion zsh)
run(pacer.fish completion fish)
# The pages as installed: compressed, without a time stamp, so a package is the same every build.
foreach(page pacer.1 pacer-session.5)
  execute_process(COMMAND gzip -9n -c "${OUT}/${page}" OUTPUT_FILE "${OUT}/${page}.gz" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip ${page} failed")
  endif()
endforeach()
file(REMOVE_RECURSE "${home}")
