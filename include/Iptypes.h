/*
 * <Iptypes.h> as Windows code spells it: the Windows SDK and Microsoft's
 * documentation write the name so, and Windows' file system ignores case.
 */
#include "iptypes.h"
