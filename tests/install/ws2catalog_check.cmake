# The ws2catalog tool (issue 4: the tracing provider "installed with a tool
# ws2catalog install|remove|list"): install the tracing LSP and its TCP/IPv4
# chain into a scratch catalog, order the chain first, run one connection's
# worth of calls through it and read the trace, then remove both again.
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${SCRATCH})
set(ENV{WS2POSIX_CATALOG} ${SCRATCH}/catalog)
set(ENV{WS2POSIX_TRACE} ${SCRATCH}/trace)
set(layer_guid "{6c4b6f1e-2a57-4d4f-9b9e-7f1d2b3c4a51}")
set(chain_guid "{5a5a0001-0002-0003-0405-060708090a0b}")

function(tool)
  execute_process(COMMAND ${TOOL} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "ws2catalog ${ARGN} failed (${rc}): ${out}${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

# The id of the entry whose name is on a line of `ws2catalog list`.
function(entry_id name var)
  tool(list)
  string(REGEX MATCH "\n([0-9]+)[^\n]*${name}" m "\n${out}")
  if(NOT m)
    message(FATAL_ERROR "no entry '${name}' in:\n${out}")
  endif()
  set(${var} ${CMAKE_MATCH_1} PARENT_SCOPE)
endfunction()

tool(install ${layer_guid} ${LAYER} "2,1,6,layered,Trace layer")
entry_id("Trace layer" layer_id)
tool(install ${chain_guid} ${LAYER} "2,1,6,${layer_id}:1001,Trace over TCP")
entry_id("Trace over TCP" chain_id)
tool(order ${chain_id})
tool(list)
string(REGEX MATCH "^[^\n]*\n([0-9]+)" m "${out}")
if(NOT CMAKE_MATCH_1 EQUAL chain_id)
  message(FATAL_ERROR "the chain is not first after `order`:\n${out}")
endif()

execute_process(COMMAND ${APP} --traffic RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the traffic through the installed layer failed (${rc})")
endif()
file(READ ${SCRATCH}/trace trace)
foreach(call WSPStartup WSPSocket WSPConnect WSPSend WSPRecv WSPCloseSocket WSPCleanup)
  if(NOT trace MATCHES " ${call}\\(")
    message(FATAL_ERROR "the trace has no ${call}:\n${trace}")
  endif()
endforeach()

tool(remove ${chain_guid})
tool(remove ${layer_guid})
tool(list)
if(out MATCHES "Trace")
  message(FATAL_ERROR "still installed after remove:\n${out}")
endif()
message(STATUS "ws2catalog installed, ordered and removed the tracing provider")
