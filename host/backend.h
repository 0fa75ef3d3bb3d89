/* SPDX-License-Identifier: MIT */
/*
 * Which KVM implementation backs /dev/kvm: Intel VMX, AMD SVM or PVM
 * (pagetable-based software virtualization).  Detected from the host side
 * only (loaded kernel modules, then CPU flags), independently of any guest.
 */
#ifndef LDE_BACKEND_H
#define LDE_BACKEND_H

enum kvm_backend {
	KVM_BACKEND_UNKNOWN,
	KVM_BACKEND_VMX,
	KVM_BACKEND_SVM,
	KVM_BACKEND_PVM,
};

/* Detect the backend; never fails (KVM_BACKEND_UNKNOWN when unsure). */
enum kvm_backend kvm_backend_detect(void);

/* "vmx", "svm", "pvm" or "unknown". */
const char *kvm_backend_name(enum kvm_backend b);

#endif
