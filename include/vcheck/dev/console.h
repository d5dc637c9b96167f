/* virtio-console (VIRTIO 1.3 section 5.3): feature bits and config offsets,
 * the one definition that layouts, checks, side-effect code and the host all
 * use. */
#ifndef VC_DEV_CONSOLE_H
#define VC_DEV_CONSOLE_H

/* feature bits */
enum {
	CONSOLE_F_SIZE = 0, CONSOLE_F_MULTIPORT = 1, CONSOLE_F_EMERG_WRITE = 2,
};

/* config offsets, bytes */
enum {
	CONSOLE_CFG_COLS = 0, CONSOLE_CFG_ROWS = 2, CONSOLE_CFG_MAX_NR_PORTS = 4,
	CONSOLE_CFG_EMERG_WR = 8,
};

#endif
