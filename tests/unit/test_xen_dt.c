/* Unit tests for what the guest reads from a Xen domU's device tree
 * (guests/lib/xen/dt.c): the "xen,xen" hypervisor node (grant-table window
 * in reg[0], event channel PPI in interrupts), a virtio-mmio device's
 * `iommus` naming the "xen,grant-dma" node with its backend domid, and a
 * PCI host bridge's `iommu-map`/`iommu-map-mask` (Linux of_map_id); then
 * the personality the image chooses (personality_name.c) and the boot
 * option that names it (options.c). Trees are built with libfdt's
 * sequential-write API (xen_fake.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "guests/lib/dt.h"
#include "guests/lib/options.h"
#include "guests/lib/personality/name.h"
#include "guests/lib/xen/dt.h"
#include "tests/unit/xen_fake.h"

static void *dtb;

static void load(const struct fake_dt *o)
{
	free(dtb);
	dtb = fake_dtb(o);
	assert_int_equal(fdt_check_header(dtb), 0);
	assert_int_equal(dt_init(dtb), 0);
}

static int teardown(void **state)
{
	(void)state;
	free(dtb);
	dtb = NULL;
	return 0;
}

static void test_hypervisor_node(void **state)
{
	(void)state;
	load(&(struct fake_dt){ .xen = 1 });
	struct xen_dt x;
	assert_true(xen_dt_present());
	assert_int_equal(xen_dt_probe(&x), 0);
	assert_int_equal(x.gnttab_base, 0x38000000);
	assert_int_equal(x.gnttab_size, 0x01000000);
	assert_int_equal(x.irq_cells, 3);
	assert_int_equal(x.irq[0], 1);  /* a PPI */
	assert_int_equal(x.irq[1], 15); /* 31 - 16 */
	assert_int_equal(x.irq[2], 0xf08);
}

static void test_no_hypervisor_node(void **state)
{
	(void)state;
	load(&(struct fake_dt){ .xen = 0 });
	struct xen_dt x = { .gnttab_base = 1 };
	assert_false(xen_dt_present());
	assert_int_equal(xen_dt_probe(&x), -1);
	assert_int_equal(x.gnttab_base, 0);
}

static void test_mmio_backends(void **state)
{
	(void)state;
	load(&(struct fake_dt){ .xen = 1 });
	assert_int_equal(xen_dt_mmio_backend(0x02000000), 1);  /* iommus = <&xen_iommu 1> */
	assert_int_equal(xen_dt_mmio_backend(0x02000200), -1); /* no iommus */
	assert_int_equal(xen_dt_mmio_backend(0x02000400), -1); /* an IOMMU that is not Xen's */
	assert_int_equal(xen_dt_mmio_backend(0x02000600), -1); /* no such device */
}

/* vcheck.xen-grant: only a node without `iommus` takes the forced backend
 * (Linux's CONFIG_XEN_VIRTIO_FORCE_GRANT); a node whose iommus name another
 * IOMMU, and a base with no node at all, stay without grants. */
static void test_forced_grant(void **state)
{
	(void)state;
	load(&(struct fake_dt){ .xen = 1 });
	xen_dt_force_grant(0);
	assert_int_equal(xen_dt_mmio_backend(0x02000000), 1);  /* the DT's own answer wins */
	assert_int_equal(xen_dt_mmio_backend(0x02000200), 0);  /* no iommus: forced */
	assert_int_equal(xen_dt_mmio_backend(0x02000400), -1); /* another IOMMU */
	assert_int_equal(xen_dt_mmio_backend(0x02000600), -1); /* no such device */
	xen_dt_force_grant(-1);
	assert_int_equal(xen_dt_mmio_backend(0x02000200), -1);
}

/* iommus naming xen,grant-dma with a #iommu-cells other than 1 is not a
 * grant-DMA binding Linux accepts. */
static void test_grant_dma_cells_must_be_one(void **state)
{
	(void)state;
	load(&(struct fake_dt){ .xen = 1 });
	int node = fdt_node_offset_by_compatible(dtb, -1, "xen,grant-dma");
	assert_true(node >= 0);
	assert_int_equal(fdt_setprop_inplace_u32(dtb, node, "#iommu-cells", 2), 0);
	assert_int_equal(xen_dt_mmio_backend(0x02000000), -1);
}

static void test_pci_iommu_map(void **state)
{
	(void)state;
	load(&(struct fake_dt){ .xen = 1, .pci_map = 1 });
	assert_int_equal(xen_dt_pci_backend(0x08), 2);        /* 00:01.0 */
	assert_int_equal(xen_dt_pci_backend(0x0f), 2 + 7);    /* 00:01.7: out-base + offset */
	assert_int_equal(xen_dt_pci_backend(0x18), -1);       /* 00:03.0: not in the map */
	assert_int_equal(xen_dt_pci_backend(0x10), -1);       /* 00:02.0: the SMMU's */
	assert_int_equal(xen_dt_pci_backend(0x100), 3);       /* 01:00.0 */
	assert_int_equal(xen_dt_pci_backend(0x108), 3 + 8);   /* 01:01.0 */
	assert_int_equal(xen_dt_pci_backend(0x200), -1);
	load(&(struct fake_dt){ .xen = 1, .pci_map = 0 });
	assert_int_equal(xen_dt_pci_backend(0x08), -1);
}

static void test_pci_iommu_map_mask(void **state)
{
	(void)state;
	/* a mask of 0xf8 drops the function and the bus: 01:01.3 maps as 0x08 */
	load(&(struct fake_dt){ .xen = 1, .pci_map = 1, .pci_mask = 0xf8 });
	assert_int_equal(xen_dt_pci_backend(0x10b), 2);
	assert_int_equal(xen_dt_pci_backend(0x100), -1); /* masked to 0: not in the map */
}

/* ---- personality ------------------------------------------------------------- */

/* The personality the image would run under with this DT and command line. */
static const char *chosen(void)
{
	static struct vc_options o;
	vc_parse_options(dt_bootargs() ? dt_bootargs() : "", &o);
	return vc_personality_name(&o);
}

static void test_personality_default_direct(void **state)
{
	(void)state;
	load(&(struct fake_dt){ .xen = 0, .bootargs = "vcheck.checks=1" });
	assert_string_equal(chosen(), "direct");
	load(&(struct fake_dt){ .xen = 0 }); /* no bootargs at all */
	assert_string_equal(chosen(), "direct");
}

static void test_personality_from_option(void **state)
{
	(void)state;
	load(&(struct fake_dt){ .xen = 0, .bootargs = "vcheck.only=X-1 vcheck.personality=xen" });
	assert_string_equal(chosen(), "xen");
	load(&(struct fake_dt){ .xen = 0, .bootargs = "vcheck.personality=gunyah" });
	assert_string_equal(chosen(), "gunyah");
}

static void test_personality_real_xen(void **state)
{
	(void)state;
	load(&(struct fake_dt){ .xen = 1 });
	assert_string_equal(chosen(), "xen");
	/* the platform wins over an option that says otherwise */
	load(&(struct fake_dt){ .xen = 1, .bootargs = "vcheck.personality=direct" });
	assert_string_equal(chosen(), "xen");
}

static void test_option_parsing(void **state)
{
	(void)state;
	struct vc_options o;
	vc_parse_options("vcheck.personality=xen vcheck.only=FEAT-AP-001 vcheck.plant=x", &o);
	assert_string_equal(o.personality, "xen");
	assert_string_equal(o.only, "FEAT-AP-001");
	assert_string_equal(o.plant, "x");
	assert_int_equal(o.checks, 1);
	/* a name that does not fit becomes one no personality has, so the
	 * image refuses it instead of quietly running direct */
	vc_parse_options("vcheck.personality=0123456789abcdef", &o);
	assert_string_equal(o.personality, "?");
	vc_parse_options("vcheck.personality=0123456789abcde", &o);
	assert_string_equal(o.personality, "0123456789abcde");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_hypervisor_node, teardown),
		cmocka_unit_test_teardown(test_no_hypervisor_node, teardown),
		cmocka_unit_test_teardown(test_mmio_backends, teardown),
		cmocka_unit_test_teardown(test_forced_grant, teardown),
		cmocka_unit_test_teardown(test_grant_dma_cells_must_be_one, teardown),
		cmocka_unit_test_teardown(test_pci_iommu_map, teardown),
		cmocka_unit_test_teardown(test_pci_iommu_map_mask, teardown),
		cmocka_unit_test_teardown(test_personality_default_direct, teardown),
		cmocka_unit_test_teardown(test_personality_from_option, teardown),
		cmocka_unit_test_teardown(test_personality_real_xen, teardown),
		cmocka_unit_test(test_option_parsing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
