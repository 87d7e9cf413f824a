# Where everything but the program is installed (man page, profiles/, the shell files that
# core/shell_files.cmake does not install), and the Debian package that CPack builds from it.
# Included from the top-level CMakeLists.txt before core/, which reads TRIPLYDB_ZSH_COMPLETION_DIR.

set(TRIPLYDB_DATA_DIR "${CMAKE_INSTALL_DATADIR}/triplydb-profile")
# Debian's zsh reads /usr/share/zsh/vendor-completions for packages and
# /usr/local/share/zsh/site-functions for local installs; other prefixes get site-functions.
if(NOT DEFINED TRIPLYDB_ZSH_COMPLETION_DIR)
  if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
    set(TRIPLYDB_ZSH_COMPLETION_DIR "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions")
  else()
    set(TRIPLYDB_ZSH_COMPLETION_DIR "${CMAKE_INSTALL_DATADIR}/zsh/site-functions")
  endif()
endif()

# fish reads vendor_conf.d and vendor_completions.d below its own prefix and $XDG_DATA_DIRS, which
# a console or ssh login leaves unset: .ci/install asks fish and passes /etc/fish/conf.d and
# /etc/fish/completions when fish would not read those below CMAKE_INSTALL_PREFIX.
set(TRIPLYDB_FISH_CONF_DIR "${CMAKE_INSTALL_DATADIR}/fish/vendor_conf.d" CACHE STRING
    "Where the fish integration goes (fish loads every file there in interactive shells)")
set(TRIPLYDB_FISH_COMPLETIONS_DIR "${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d" CACHE STRING
    "Where the fish completion of triplydb-profile goes")

# The man page names the folders of this install (prefix /usr/local or /usr), filled in here, and is
# compressed as Debian installs man pages; -n keeps the archive free of a timestamp.
find_program(TRIPLYDB_GZIP gzip REQUIRED)
set(triplydb_man_source "${PROJECT_SOURCE_DIR}/core/man/triplydb-profile.1")
set(triplydb_man_page "${PROJECT_BINARY_DIR}/man/triplydb-profile.1")
cmake_path(ABSOLUTE_PATH TRIPLYDB_FISH_CONF_DIR BASE_DIRECTORY "${CMAKE_INSTALL_PREFIX}" OUTPUT_VARIABLE triplydb_fish_conf)
cmake_path(ABSOLUTE_PATH TRIPLYDB_DATA_DIR BASE_DIRECTORY "${CMAKE_INSTALL_PREFIX}" OUTPUT_VARIABLE triplydb_data)
string(REPLACE "-" "\\-" TRIPLYDB_MAN_FISH_CONF "${triplydb_fish_conf}")
string(REPLACE "-" "\\-" TRIPLYDB_MAN_DATA "${triplydb_data}")
configure_file("${triplydb_man_source}" "${triplydb_man_page}.in" @ONLY)
add_custom_command(
  OUTPUT "${triplydb_man_page}.gz"
  COMMAND "${CMAKE_COMMAND}" -E copy "${triplydb_man_page}.in" "${triplydb_man_page}"
  COMMAND "${TRIPLYDB_GZIP}" -9 -n -f "${triplydb_man_page}"
  DEPENDS "${triplydb_man_page}.in"
  COMMENT "Compressing the man page"
  VERBATIM)
add_custom_target(triplydb_man_page ALL DEPENDS "${triplydb_man_page}.gz")
install(FILES "${triplydb_man_page}.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")

install(FILES "${PROJECT_SOURCE_DIR}/profiles/example.yaml" "${PROJECT_SOURCE_DIR}/profiles/profiles.schema.json"
        DESTINATION "${TRIPLYDB_DATA_DIR}")

# bash-completion loads completions/NAME when NAME is first completed: `triplydb` for the function.
install(FILES "${PROJECT_SOURCE_DIR}/completions/triplydb.bash"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions" RENAME triplydb)
# Every interactive fish sources vendor_conf.d: fish users need no line in config.fish.
install(FILES "${PROJECT_SOURCE_DIR}/shells/vendor_conf.d/triplydb.fish" DESTINATION "${TRIPLYDB_FISH_CONF_DIR}")

# The Debian package: `cpack -G DEB` in a build configured with -DCMAKE_INSTALL_PREFIX=/usr.
# Depends is computed by dpkg-shlibdeps (package dpkg-dev) from the libraries the ELF files link.
set(TRIPLYDB_PACKAGE_MAINTAINER "triplydb-profile maintainers <triplydb-profile@localhost>"
    CACHE STRING "Maintainer field of the Debian package")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME triplydb-profile)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${TRIPLYDB_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}/packages")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion, zsh, fish")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "${PROJECT_DESCRIPTION}
 triplydb-profile keeps named TriplyDB API tokens in one YAML file. The shell
 function `triplydb` (bash, zsh, fish, PowerShell) switches the current shell's
 TRIPLYDB_TOKEN, TRIPLYDB_API, TRIPLYDB_PROFILE and TRIPLYDB_ACCOUNT with
 `triplydb use NAME`, with TAB completion of profile names.")
include(CPack)
