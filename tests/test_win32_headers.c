/*
 * Small SDK headers Windows code includes by name: <initguid.h> and
 * DEFINE_GUID (guiddef.h), and the packing pair <pshpack1.h>/<poppack.h>.
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(define_guid_defines_the_guid_after_initguid),
        cmocka_unit_test(pshpack1_packs_until_poppack),
    };
    return cmocka_run_group_tests_name("win32_headers", tests, NULL, NULL);
}
