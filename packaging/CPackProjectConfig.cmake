# Included by cpack once per generator (CPACK_PROJECT_CONFIG_FILE).
# The .deb refers to /usr/share/common-licenses/GPL-3 in its copyright file, as Debian policy
# asks; the .tar.gz may land where that file does not exist, so it carries the GPL text itself.
if(CPACK_GENERATOR STREQUAL "TGZ")
  set(CPACK_INSTALLED_DIRECTORIES "${CPACK_SALVO_TGZ_EXTRA_DIR};/")
endif()
