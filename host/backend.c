/* SPDX-License-Identifier: MIT */
#include "backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * /sys/module/NAME exists while module NAME is loaded (or built in with
 * parameters, which all three have).  kvm_pvm is checked first: it is only
 * there when someone loaded it on purpose, whereas a built-in kvm_intel
 * keeps its directory even on a CPU without VMX.
 */
static const struct {
	const char *dir;
	enum kvm_backend backend;
} modules[] = {
	{ "/sys/module/kvm_pvm", KVM_BACKEND_PVM },
	{ "/sys/module/kvm_intel", KVM_BACKEND_VMX },
	{ "/sys/module/kvm_amd", KVM_BACKEND_SVM },
};

/* The first "flags" line of /proc/cpuinfo names vmx or svm (or neither). */
static enum kvm_backend from_cpuinfo(void)
{
	enum kvm_backend b = KVM_BACKEND_UNKNOWN;
	FILE *f = fopen("/proc/cpuinfo", "re");
	char *line = NULL;
	size_t cap = 0;

	if (!f)
		return b;
	while (getline(&line, &cap, f) > 0) {
		if (strncmp(line, "flags", 5) != 0)
			continue;
		for (char *save, *w = strtok_r(line, " \t\n", &save); w;
		     w = strtok_r(NULL, " \t\n", &save)) {
			if (strcmp(w, "vmx") == 0)
				b = KVM_BACKEND_VMX;
			else if (strcmp(w, "svm") == 0)
				b = KVM_BACKEND_SVM;
		}
		break;
	}
	free(line);
	fclose(f);
	return b;
}

enum kvm_backend kvm_backend_detect(void)
{
	for (size_t i = 0; i < sizeof(modules) / sizeof(modules[0]); i++)
		if (access(modules[i].dir, F_OK) == 0)
			return modules[i].backend;
	return from_cpuinfo();
}

const char *kvm_backend_name(enum kvm_backend b)
{
	switch (b) {
	case KVM_BACKEND_VMX:
		return "vmx";
	case KVM_BACKEND_SVM:
		return "svm";
	case KVM_BACKEND_PVM:
		return "pvm";
	case KVM_BACKEND_UNKNOWN:
		break;
	}
	return "unknown";
}
