/* SPDX-License-Identifier: MIT */
#include "kvm_stats.h"

#include <errno.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define NAME_MAX_LEN 256

static int read_u64(const struct kvm_stats *s, uint32_t offset, uint64_t *v)
{
	return pread(s->fd, v, sizeof(*v), (off_t)s->data_offset + offset) == (ssize_t)sizeof(*v) ?
	               0 :
	               -1;
}

/* Keep descriptor D (followed by its name) if it is one 64-bit value. */
static int add_stat(struct kvm_stats *s, const struct kvm_stats_desc *d, uint32_t name_size)
{
	uint32_t type = d->flags & KVM_STATS_TYPE_MASK;
	struct kvm_stat *st;

	if (d->size != 1 || type > KVM_STATS_TYPE_PEAK)
		return 0; /* histograms and arrays are left out */
	st = &s->stat[s->n];
	st->name = strndup(d->name, name_size);
	st->offset = d->offset;
	st->cumulative = type == KVM_STATS_TYPE_CUMULATIVE;
	if (!st->name || read_u64(s, st->offset, &st->start) < 0) {
		free(st->name);
		return -1;
	}
	s->n++;
	return 0;
}

static int read_descriptors(struct kvm_stats *s)
{
	struct kvm_stats_header h;
	size_t dsize;
	char *descs;
	int r = 0;

	if (pread(s->fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h) || h.name_size == 0 ||
	    h.name_size > NAME_MAX_LEN || h.num_desc > 4096)
		return -1;
	dsize = sizeof(struct kvm_stats_desc) + h.name_size;
	descs = malloc(dsize * h.num_desc);
	s->stat = calloc(h.num_desc ? h.num_desc : 1, sizeof(*s->stat));
	s->data_offset = h.data_offset;
	if (!descs || !s->stat ||
	    pread(s->fd, descs, dsize * h.num_desc, h.desc_offset) != (ssize_t)(dsize * h.num_desc))
		r = -1;
	for (uint32_t i = 0; r == 0 && i < h.num_desc; i++)
		r = add_stat(s, (const struct kvm_stats_desc *)(descs + i * dsize), h.name_size);
	free(descs);
	return r;
}

void kvm_stats_start(struct kvm_stats *s, int sys_fd, int vcpu_fd)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	if (ioctl(sys_fd, KVM_CHECK_EXTENSION, KVM_CAP_BINARY_STATS_FD) <= 0) {
		s->why = "KVM_CAP_BINARY_STATS_FD not offered";
		return;
	}
	s->fd = ioctl(vcpu_fd, KVM_GET_STATS_FD, NULL);
	if (s->fd < 0) {
		s->why = "KVM_GET_STATS_FD failed";
		return;
	}
	if (read_descriptors(s) < 0) {
		s->why = "malformed KVM statistics";
		kvm_stats_close(s);
		s->fd = -1;
	}
}

void kvm_stats_json(struct kvm_stats *s, struct json *j)
{
	if (s->fd < 0) {
		json_null_value(j);
		return;
	}
	json_obj_begin(j);
	for (unsigned i = 0; i < s->n; i++) {
		uint64_t v;

		if (read_u64(s, s->stat[i].offset, &v) < 0)
			continue;
		json_kv_u64(j, s->stat[i].name, s->stat[i].cumulative ? v - s->stat[i].start : v);
	}
	json_obj_end(j);
}

void kvm_stats_close(struct kvm_stats *s)
{
	for (unsigned i = 0; i < s->n; i++)
		free(s->stat[i].name);
	free(s->stat);
	if (s->fd >= 0)
		close(s->fd);
	s->stat = NULL;
	s->n = 0;
	s->fd = -1;
}
