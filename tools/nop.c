// SPDX-License-Identifier: MIT
/*
 * nop: the smallest static program, exit(0) at once: what process-bench's
 * exec round trip runs (tools/bench-process).
 */
int main(void)
{
	return 0;
}
