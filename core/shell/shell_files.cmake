# The shell integration: shells/ and completions/ embedded into the program as a generated header
# (printed by `init` and `completion`), and the completion files installed where shells look.
set(TRIPLYDB_SHELL_FILES
  shells/triplydb-loader.bash
  shells/triplydb.bash
  shells/triplydb-loader.zsh
  shells/triplydb.zsh
  shells/triplydb.fish
  shells/triplydb.ps1
  shells/triplydb.nu
  shells/triplydb.elv
  shells/triplydb.xsh
  completions/triplydb-profile.bash
  completions/_triplydb-profile
  completions/triplydb-profile.fish
  completions/triplydb-profile.ps1
  completions/triplydb-profile.nu
  completions/triplydb-profile.elv
  completions/triplydb-profile.xsh)
list(TRANSFORM TRIPLYDB_SHELL_FILES PREPEND "${PROJECT_SOURCE_DIR}/" OUTPUT_VARIABLE triplydb_shell_paths)
set(triplydb_embedded_dir "${CMAKE_CURRENT_BINARY_DIR}/generated")
add_custom_command(
  OUTPUT "${triplydb_embedded_dir}/embedded_shells.hpp"
  COMMAND "${CMAKE_COMMAND}" -D "SOURCE_DIR=${PROJECT_SOURCE_DIR}" "-DINPUTS=${TRIPLYDB_SHELL_FILES}"
          -D "OUTPUT=${triplydb_embedded_dir}/embedded_shells.hpp" -P "${CMAKE_CURRENT_SOURCE_DIR}/shell/embed_files.cmake"
  DEPENDS ${triplydb_shell_paths} "${CMAKE_CURRENT_SOURCE_DIR}/shell/embed_files.cmake"
  COMMENT "Embedding shells/ and completions/"
  VERBATIM)
target_sources(triplydb_core PRIVATE "${triplydb_embedded_dir}/embedded_shells.hpp")
target_include_directories(triplydb_core PRIVATE "${triplydb_embedded_dir}")

install(FILES "${PROJECT_SOURCE_DIR}/completions/triplydb-profile.bash"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions" RENAME triplydb-profile)
install(FILES "${PROJECT_SOURCE_DIR}/completions/_triplydb-profile"
        DESTINATION "${TRIPLYDB_ZSH_COMPLETION_DIR}")
install(FILES "${PROJECT_SOURCE_DIR}/completions/triplydb-profile.fish"
        DESTINATION "${TRIPLYDB_FISH_COMPLETIONS_DIR}")
