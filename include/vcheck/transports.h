/* Transport interfaces, named the same on the wire, in targets and in results. */
#ifndef VCHECK_TRANSPORTS_H
#define VCHECK_TRANSPORTS_H

#define VC_TRANSPORTS(X)                 \
	X(MMIO_V1, "mmio-v1")            \
	X(MMIO_V2, "mmio-v2")            \
	X(PCI_MODERN, "pci-modern")      \
	X(PCI_LEGACY, "pci-legacy")

enum vc_transport {
#define VC_TRANSPORT_ENUM(id, name) VC_TR_##id,
	VC_TRANSPORTS(VC_TRANSPORT_ENUM)
#undef VC_TRANSPORT_ENUM
	VC_TR__COUNT
};

#define VC_TR_BIT(t) (1u << (t))
#define VC_TR_ANY_MMIO (VC_TR_BIT(VC_TR_MMIO_V1) | VC_TR_BIT(VC_TR_MMIO_V2))
#define VC_TR_ANY_PCI (VC_TR_BIT(VC_TR_PCI_MODERN) | VC_TR_BIT(VC_TR_PCI_LEGACY))
#define VC_TR_MODERN (VC_TR_BIT(VC_TR_MMIO_V2) | VC_TR_BIT(VC_TR_PCI_MODERN))
#define VC_TR_LEGACY (VC_TR_BIT(VC_TR_MMIO_V1) | VC_TR_BIT(VC_TR_PCI_LEGACY))
#define VC_TR_ALL (VC_TR_ANY_MMIO | VC_TR_ANY_PCI)

static inline const char *vc_transport_name(enum vc_transport t)
{
	static const char *const names[] = {
#define VC_TRANSPORT_NAME(id, name) name,
		VC_TRANSPORTS(VC_TRANSPORT_NAME)
#undef VC_TRANSPORT_NAME
	};
	return (unsigned)t < VC_TR__COUNT ? names[t] : "unknown";
}

#endif
