/* The planted faults (vcheck run --plant NAME, the image's vcheck.plant):
 * one list for the image, which wears them (guests/lib/plant.c), and the
 * host, which refuses a name the image would not know before any cell
 * starts. X(ID, name). */
#ifndef VCHECK_PLANTS_H
#define VCHECK_PLANTS_H

#define VC_PLANTS(X)                                      \
	X(RESET_IGNORED, "reset-ignored")                 \
	X(FEATURES_SEL_ECHO, "features-sel-echo")         \
	X(FOK_REFUSED, "fok-refused")                     \
	X(CONFIG_TORN, "config-torn")                     \
	X(QUEUE_ODD, "queue-odd")                         \
	X(IRQ_STUCK, "irq-stuck")                         \
	X(CONFIG_DROPPED, "config-dropped")               \
	X(CONFIG_FORGOTTEN, "config-forgotten")

enum vc_plant_id {
#define VC_PLANT_ENUM(id, name) VC_PLANT_##id,
	VC_PLANTS(VC_PLANT_ENUM)
#undef VC_PLANT_ENUM
	VC_PLANT__COUNT
};

#endif
