/*
 * VerifyVersionInfo and VerSetConditionMask: the SDK's way of asking "is
 * this at least Windows N" (versionhelpers.h builds on them), answered
 * against the version GetVersionEx reports (sysinfoapi.h).
 */
#include <windows.h>

#include <stdbool.h>

/* A field's condition: 3 bits per VER_* mask bit, in the order of the bits. */
static unsigned version__condition(DWORDLONG conditions, DWORD type)
{
    unsigned index = (unsigned)__builtin_ctz(type);
    return (unsigned)(conditions >> (index * VER_NUM_BITS_PER_CONDITION_MASK)) & VER_CONDITION_MASK;
}

ULONGLONG WINAPI VerSetConditionMask(ULONGLONG ConditionMask, DWORD TypeMask, BYTE Condition)
{
    if (!TypeMask || !(Condition & VER_CONDITION_MASK))
        return ConditionMask;
    for (unsigned i = 0; i < 8; i++)
        if (TypeMask & (1u << i))
            ConditionMask |= (ULONGLONG)(Condition & VER_CONDITION_MASK)
                             << (i * VER_NUM_BITS_PER_CONDITION_MASK);
    return ConditionMask;
}

/* -1, 0, 1 as a is below, equal to or above b. */
static int version__cmp(DWORD a, DWORD b)
{
    return a < b ? -1 : a > b ? 1 : 0;
}

/* Whether a comparison result (ours against theirs) meets the condition. */
static bool version__meets(int cmp, unsigned condition)
{
    switch (condition) {
    case VER_EQUAL: return cmp == 0;
    case VER_GREATER: return cmp > 0;
    case VER_GREATER_EQUAL: return cmp >= 0;
    case VER_LESS: return cmp < 0;
    case VER_LESS_EQUAL: return cmp <= 0;
    default: return false;
    }
}

/* The fields both character sets share, taken from either structure. */
struct version__want {
    DWORD major, minor, build, platform;
    WORD sp_major, sp_minor, suite;
    BYTE product;
};

static BOOL version__verify(const struct version__want *want, DWORD type, DWORDLONG conditions)
{
    if (!type || (type & ~0xffu)) {
        SetLastError(ERROR_BAD_ARGUMENTS);
        return FALSE;
    }
    for (unsigned i = 0; i < 8; i++)
        if ((type & (1u << i)) && version__condition(conditions, 1u << i) == 0) {
            SetLastError(ERROR_BAD_ARGUMENTS);
            return FALSE;
        }
    OSVERSIONINFOEXW have;
    memset(&have, 0, sizeof(have));
    have.dwOSVersionInfoSize = sizeof(have);
    GetVersionExW((LPOSVERSIONINFOW)&have);

    bool ok = true;
    /*
     * Major, minor and service pack (major, minor) form one number, compared
     * most significant first under the condition of the most significant
     * field named.
     */
    static const DWORD order[] = {VER_MAJORVERSION, VER_MINORVERSION, VER_SERVICEPACKMAJOR,
                                  VER_SERVICEPACKMINOR};
    DWORD have_v[] = {have.dwMajorVersion, have.dwMinorVersion, have.wServicePackMajor,
                      have.wServicePackMinor};
    DWORD want_v[] = {want->major, want->minor, want->sp_major, want->sp_minor};
    unsigned condition = 0;
    int cmp = 0;
    for (unsigned i = 0; i < 4; i++) {
        if (!(type & order[i]))
            continue;
        if (!condition)
            condition = version__condition(conditions, order[i]);
        if (cmp == 0)
            cmp = version__cmp(have_v[i], want_v[i]);
    }
    if (condition)
        ok = version__meets(cmp, condition);
    if (ok && (type & VER_BUILDNUMBER))
        ok = version__meets(version__cmp(have.dwBuildNumber, want->build),
                            version__condition(conditions, VER_BUILDNUMBER));
    if (ok && (type & VER_PLATFORMID))
        ok = version__meets(version__cmp(have.dwPlatformId, want->platform),
                            version__condition(conditions, VER_PLATFORMID));
    if (ok && (type & VER_PRODUCT_TYPE))
        ok = version__meets(version__cmp(have.wProductType, want->product),
                            version__condition(conditions, VER_PRODUCT_TYPE));
    if (ok && (type & VER_SUITENAME)) {
        /* VER_AND: every suite named is present; VER_OR: at least one. */
        unsigned c = version__condition(conditions, VER_SUITENAME);
        ok = c == VER_OR ? (have.wSuiteMask & want->suite) != 0
                         : (have.wSuiteMask & want->suite) == want->suite;
    }
    if (!ok) {
        SetLastError(ERROR_OLD_WIN_VERSION);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI VerifyVersionInfoA(LPOSVERSIONINFOEXA lpVersionInformation, DWORD dwTypeMask,
                               DWORDLONG dwlConditionMask)
{
    if (!lpVersionInformation) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    struct version__want w = {
        lpVersionInformation->dwMajorVersion,    lpVersionInformation->dwMinorVersion,
        lpVersionInformation->dwBuildNumber,     lpVersionInformation->dwPlatformId,
        lpVersionInformation->wServicePackMajor, lpVersionInformation->wServicePackMinor,
        lpVersionInformation->wSuiteMask,        lpVersionInformation->wProductType};
    return version__verify(&w, dwTypeMask, dwlConditionMask);
}

BOOL WINAPI VerifyVersionInfoW(LPOSVERSIONINFOEXW lpVersionInformation, DWORD dwTypeMask,
                               DWORDLONG dwlConditionMask)
{
    if (!lpVersionInformation) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    struct version__want w = {
        lpVersionInformation->dwMajorVersion,    lpVersionInformation->dwMinorVersion,
        lpVersionInformation->dwBuildNumber,     lpVersionInformation->dwPlatformId,
        lpVersionInformation->wServicePackMajor, lpVersionInformation->wServicePackMinor,
        lpVersionInformation->wSuiteMask,        lpVersionInformation->wProductType};
    return version__verify(&w, dwTypeMask, dwlConditionMask);
}
