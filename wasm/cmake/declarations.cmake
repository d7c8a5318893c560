# The lab's models, event kinds and event layout are declared once, in runtime/lab/models.json,
# runtime/lab/events.json and runtime/lab/event_layout.json. The page reads the same files (site/hugo.toml mounts them as data);
# this writes their C++ side, lab/declarations.h, and stops at configure time on a bad entry.
# It also sets LAB_MODEL_BACKEND_<name> and LAB_MODEL_LANES_<name> for every model, which
# cmake/demos.cmake reads.

set(LAB_GENERATED_DIR "${CMAKE_BINARY_DIR}/generated")

function(lab_declaration_fail file message)
  message(FATAL_ERROR "${file}: ${message}")
endfunction()

# Reads the JSON object in `file` into `json`, and its member names into `names`.
function(lab_read_declaration file json names)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${file}")
  file(READ "${file}" text)
  string(JSON count ERROR_VARIABLE error LENGTH "${text}")
  if(error)
    lab_declaration_fail("${file}" "${error}")
  endif()
  set(members "")
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    string(JSON name MEMBER "${text}" ${i})
    list(APPEND members "${name}")
  endforeach()
  set(${json} "${text}" PARENT_SCOPE)
  set(${names} "${members}" PARENT_SCOPE)
endfunction()

# Reads string `key` of entry `name`, failing with the file's name when it is missing.
macro(lab_declared_field file json name key out)
  string(JSON ${out} ERROR_VARIABLE error GET "${json}" "${name}" "${key}")
  if(error)
    lab_declaration_fail("${file}" "\"${name}\" needs a \"${key}\"")
  endif()
endmacro()

# Codes number the entries from `first` without a gap, so the C++ table is indexed by code.
# Sets `order` to the names sorted by code (CMake's JSON reader sorts members by name).
function(lab_order_by_code file json names first order)
  list(LENGTH names count)
  foreach(name IN LISTS names)
    string(JSON code ERROR_VARIABLE error GET "${json}" "${name}" code)
    if(error OR NOT code MATCHES "^[0-9]+$")
      lab_declaration_fail("${file}" "\"${name}\" needs a whole number \"code\"")
    endif()
    if(DEFINED by_code_${code})
      lab_declaration_fail("${file}" "\"${name}\" and \"${by_code_${code}}\" both have code ${code}")
    endif()
    set(by_code_${code} "${name}")
  endforeach()
  set(sorted "")
  math(EXPR last "${first} + ${count} - 1")
  foreach(code RANGE ${first} ${last})
    if(NOT DEFINED by_code_${code})
      lab_declaration_fail("${file}" "no entry has code ${code}: number the entries ${first}, ${first}+1, … without a gap")
    endif()
    list(APPEND sorted "${by_code_${code}}")
  endforeach()
  set(${order} "${sorted}" PARENT_SCOPE)
endfunction()

set(models_file "${CMAKE_CURRENT_SOURCE_DIR}/runtime/lab/models.json")
lab_read_declaration("${models_file}" models_json model_names)
lab_order_by_code("${models_file}" "${models_json}" "${model_names}" 0 model_names)
set(model_enum "")
set(model_table "")
foreach(name IN LISTS model_names)
  foreach(key code backend lanes uses label stands_for about)
    lab_declared_field("${models_file}" "${models_json}" "${name}" ${key} ${key})
  endforeach()
  if(NOT backend MATCHES "^(single|threads|processes)$")
    lab_declaration_fail("${models_file}" "\"${name}\": backend is single, threads or processes, not \"${backend}\"")
  endif()
  if(NOT lanes MATCHES "^(one|per_worker|per_task)$")
    lab_declaration_fail("${models_file}" "\"${name}\": lanes is one, per_worker or per_task, not \"${lanes}\"")
  endif()
  set(LAB_MODEL_BACKEND_${name} "${backend}")
  set(LAB_MODEL_LANES_${name} "${lanes}")
  string(REPLACE "\\" "\\\\" stands_for "${stands_for}")
  string(REPLACE "\"" "\\\"" stands_for "${stands_for}")
  string(APPEND model_enum "  ${name} = ${code},  // ${about}\n")
  string(APPEND model_table "    {Model::${name}, \"${name}\", Backend::${backend}, Lanes::${lanes}, \"${stands_for}\"},\n")
endforeach()

set(events_file "${CMAKE_CURRENT_SOURCE_DIR}/runtime/lab/events.json")
lab_read_declaration("${events_file}" events_json event_names)
lab_order_by_code("${events_file}" "${events_json}" "${event_names}" 1 event_names)
set(event_enum "")
foreach(name IN LISTS event_names)
  lab_declared_field("${events_file}" "${events_json}" "${name}" code code)
  lab_declared_field("${events_file}" "${events_json}" "${name}" about about)
  string(APPEND event_enum "  ${name} = ${code},  // ${about}\n")
endforeach()

set(layout_file "${CMAKE_CURRENT_SOURCE_DIR}/runtime/lab/event_layout.json")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${layout_file}")
file(READ "${layout_file}" layout_json)
string(JSON event_bytes ERROR_VARIABLE error GET "${layout_json}" bytes)
if(error OR NOT event_bytes MATCHES "^[0-9]+$")
  lab_declaration_fail("${layout_file}" "needs a whole number \"bytes\"")
endif()
set(event_offsets "")
foreach(field time_ms seq kind lane task value)
  string(JSON offset ERROR_VARIABLE error GET "${layout_json}" offsets ${field})
  if(error OR NOT offset MATCHES "^[0-9]+$")
    lab_declaration_fail("${layout_file}" "\"offsets\" needs a whole number for \"${field}\"")
  endif()
  string(APPEND event_offsets "inline constexpr std::size_t ${field} = ${offset};\n")
endforeach()

file(CONFIGURE OUTPUT "${LAB_GENERATED_DIR}/lab/declarations.h" @ONLY CONTENT
"// Generated from runtime/lab/models.json, events.json and event_layout.json by
// cmake/declarations.cmake: edit
// those files, not this one. The page reads the same files, so the numbers are its too.
#pragma once

#include <cstddef>
#include <cstdint>

namespace lab {

// The ways of running a demo's tasks that the course compares.
enum class Model : std::int32_t {
@model_enum@};

// Which build runs a model: the single-threaded one, the one with threads, or (for processes) the
// page, with one single-threaded module per worker.
enum class Backend { single, threads, processes };
// Whether a run draws one lane, one per worker (never more than there are tasks), or one per task.
enum class Lanes { one, per_worker, per_task };

struct ModelInfo {
  Model model;
  const char* name;
  Backend backend;
  Lanes lanes;
  const char* stands_for;  // what the model stands for in the course's language
};

// Every model, indexed by its code.
inline constexpr ModelInfo kModels[] = {
@model_table@};

inline constexpr const ModelInfo& info(Model model) { return kModels[static_cast<int>(model)]; }

// What happened during a run, one event at a time (EventLog).
enum class EventKind : std::int32_t {
@event_enum@};

// The layout of one event in memory (lab::Event), as the page decodes it: its size, and each
// field's byte offset.
inline constexpr std::size_t kEventBytes = @event_bytes@;
namespace event_offset {
@event_offsets@}  // namespace event_offset

}  // namespace lab
")
