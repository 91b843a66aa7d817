/*
 * ws2posix <winerror.h>: the Win32 and Winsock error codes, by the name
 * Windows code includes them.
 */
#include "ws2posix/winerror.h"
