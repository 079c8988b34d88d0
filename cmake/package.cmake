# The Debian packages, made by `cpack -G DEB` in the build folder.
set(PACER_MAINTAINER "Pacer maintainers <pacer@example.org>" CACHE STRING "The packages' Maintainer field")

set(CPACK_PACKAGE_NAME pacer)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "The Pacer authors")
set(CPACK_PACKAGE_CONTACT "${PACER_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL pacer dev)
set(CPACK_COMPONENT_DEV_DEPENDS pacer)

set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${PACER_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

set(CPACK_DEBIAN_PACER_PACKAGE_NAME pacer)
set(CPACK_DEBIAN_PACER_PACKAGE_SHLIBDEPS ON)
if(PACER_FONTS_LINKED) # the font is a link to Debian's copy
  set(CPACK_DEBIAN_PACER_PACKAGE_DEPENDS fonts-dejavu-core)
endif()
# The clearest English voice, chosen per session (voice = "festival:slt"); run as a program.
set(CPACK_DEBIAN_PACER_PACKAGE_RECOMMENDS "festival, festvox-us-slt-hts")
set(CPACK_COMPONENT_PACER_DESCRIPTION "guided breathing and stretching sessions for back pain
Pacer plays guided breathing exercises and stretch holds hands-free: spoken
cues, a distinct tone on every phase change and countdown ticks, so a session
can be followed lying down with the eyes closed, and a screen that can be read
from across the room. Physical therapists write sessions as small Lua scripts,
check them and render them to audio files; clinics run it as a locked kiosk.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME pacer-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_DEV_PACKAGE_ARCHITECTURE all) # a header and a .pc file naming no library
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)  # pacer-dev: Depends: pacer (= VERSION)
set(CPACK_COMPONENT_DEV_DESCRIPTION "plugin SDK for Pacer
The one header and the pkg-config file (pacer-plugin) a C plugin that adds
new kinds of steps to Pacer's session scripts builds against.")

include(CPack)
