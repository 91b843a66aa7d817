/*
 * ws2posix <initguid.h>: included before the headers that use DEFINE_GUID,
 * it makes them define their GUIDs instead of declaring them (guiddef.h).
 */
#ifndef INITGUID
#define INITGUID
#endif
#include "guiddef.h"
