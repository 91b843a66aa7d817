/*
 * Small SDK headers Windows code includes by name: <initguid.h> and
 * DEFINE_GUID (guiddef.h), the packing pair <pshpack1.h>/<poppack.h>, and
 * <excpt.h>'s names for SEH filters.
 */
#include <initguid.h>

#include "testlib.h"

/* With <initguid.h> first, DEFINE_GUID defines the GUID here. */
DEFINE_GUID(TEST_GUID, 0x12345678, 0x9abc, 0xdef0, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef);

#include <pshpack1.h>
struct packed_header {
    BYTE kind;
    DWORD length;
    WORD port;
};
#include <poppack.h>

struct natural_header {
    BYTE kind;
    DWORD length;
};

static void define_guid_defines_the_guid_after_initguid(void **state)
{
    (void)state;
    GUID expected = {0x12345678, 0x9abc, 0xdef0, {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}};
    assert_true(IsEqualGUID(&TEST_GUID, &expected));
    assert_true(InlineIsEqualGUID(&TEST_GUID, &expected));
    expected.Data4[7] ^= 1;
    assert_false(IsEqualGUID(&TEST_GUID, &expected));
}

static void pshpack1_packs_until_poppack(void **state)
{
    (void)state;
    assert_int_equal(sizeof(struct packed_header), 7);
    assert_int_equal(offsetof(struct packed_header, length), 1);
    /* poppack.h restored the natural alignment. */
    assert_int_equal(sizeof(struct natural_header), 8);
}

/*
 * An MSVC __try/__except, mapped to plain C as a port does (README,
 * "Porting"): the filter compiles with excpt.h's names and is never run.
 */
static void seh_filter_names_compile_and_the_handler_never_runs(void **state)
{
    (void)state;
    int handled = 0, body = 0;
    if (1) {
        body = 1;
    } else if (GetExceptionCode() == EXCEPTION_ACCESS_VIOLATION ? EXCEPTION_EXECUTE_HANDLER
                                                                : EXCEPTION_CONTINUE_SEARCH) {
        handled = 1;
    }
    assert_int_equal(body, 1);
    assert_int_equal(handled, 0);
    assert_int_equal(EXCEPTION_EXECUTE_HANDLER, 1);
    assert_int_equal(EXCEPTION_CONTINUE_SEARCH, 0);
    assert_int_equal(EXCEPTION_CONTINUE_EXECUTION, -1);
    assert_int_equal(EXCEPTION_ACCESS_VIOLATION, 0xC0000005u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(define_guid_defines_the_guid_after_initguid),
        cmocka_unit_test(pshpack1_packs_until_poppack),
        cmocka_unit_test(seh_filter_names_compile_and_the_handler_never_runs),
    };
    return cmocka_run_group_tests_name("win32_headers", tests, NULL, NULL);
}
