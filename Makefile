# SPDX-License-Identifier: MIT
#
# One flat Makefile for the kernel, its ISO and its tests. `make help`
# lists the targets. Output goes to $(BUILD) (default: build/).
#
#   make CC=clang              build with clang instead of gcc
#   make CROSS_COMPILE=x86_64-elf-   use a cross toolchain
#   make V=1                   show every command

MAKEFLAGS += -rR --no-print-directory
.SUFFIXES:
.DELETE_ON_ERROR:
.SECONDARY:

NAME := kernel
BUILD ?= build

# Tools: honour CC=, LD=, ... and CROSS_COMPILE= but not make's defaults.
define default_tool
ifeq ($$(origin $(1)),default)
override $(1) := $(2)
endif
ifeq ($$(origin $(1)),undefined)
override $(1) := $(2)
endif
endef
$(eval $(call default_tool,CC,$(CROSS_COMPILE)gcc))
$(eval $(call default_tool,LD,$(CROSS_COMPILE)ld))
$(eval $(call default_tool,NM,$(CROSS_COMPILE)nm))
$(eval $(call default_tool,AR,$(CROSS_COMPILE)ar))
HOSTCC ?= cc
PYTHON ?= python3

ifeq ($(V),1)
Q :=
say := @true
else
Q := @
say := @printf '  %-8s %s\n'
endif

# The kernel runs with no red zone (interrupts would clobber it), in the
# top 2 GiB (-mcmodel=kernel), without SSE/x87 state (nothing saves it),
# and keeps frame pointers for backtraces.
KERNEL_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-builtin -fno-stack-protector -fno-pic -fno-pie \
	-mno-red-zone -mcmodel=kernel -mgeneral-regs-only \
	-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	-fcf-protection=none -fno-common
ifeq ($(BENCH),1)
KERNEL_CFLAGS += -DCONFIG_BENCH
endif
ifneq ($(findstring clang,$(CC)),)
KERNEL_CFLAGS += --target=x86_64-unknown-none-elf
else
KERNEL_CFLAGS += -fno-stack-clash-protection
endif
KERNEL_CPPFLAGS := -I include -I $(BUILD)/include -MMD -MP
KERNEL_ASFLAGS := $(filter-out -std=gnu11,$(KERNEL_CFLAGS)) -D__ASSEMBLER__
KERNEL_LDFLAGS := -nostdlib -static -z max-page-size=0x1000 -z noexecstack \
	--build-id=none

HOST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -I include

# User programs: ordinary static ELF64 executables at 0x400000. They stay
# without SSE, as small readable examples; programs built with musl-gcc
# use SSE like any Linux program.
USER_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding \
	-fno-builtin -fno-stack-protector -fno-pic -fno-pie -mgeneral-regs-only \
	-fno-asynchronous-unwind-tables -fcf-protection=none -fno-common
ifneq ($(findstring clang,$(CC)),)
USER_CFLAGS += --target=x86_64-unknown-none-elf
endif
USER_CPPFLAGS := -I include -I user/include -MMD -MP
USER_LDFLAGS := -nostdlib -static -z max-page-size=0x1000 -z noexecstack \
	--build-id=none -Ttext-segment=0x400000
USER_LIB_SRCS := $(sort $(wildcard user/lib/*.c user/lib/*.S)) lib/string.c lib/vsnprintf.c
USER_LIB_OBJS := $(patsubst %,$(BUILD)/user/obj/%.o,$(basename $(USER_LIB_SRCS)))
USER_LIB := $(BUILD)/user/libuser.a
USER_CRT0 := $(BUILD)/user/obj/user/lib/crt0.o
USER_ABI_NOTE := $(BUILD)/user/obj/user/lib/abi_note.o
USER_PROGS := $(patsubst user/%.c,$(BUILD)/user/bin/%,$(sort $(wildcard user/*.c)))
# Malformed programs for the loader's tests (tools/mkbadelf.py).
BAD_ELF_KINDS := magic truncated wx interp overlap entry
USER_PROGS += $(BAD_ELF_KINDS:%=$(BUILD)/user/bin/bad-%)

# Ordinary Linux programs: hosted C built against musl with Debian's
# musl-gcc, whatever CC says (so `make CC=clang` still builds them), and
# run unchanged on this kernel and on the build machine (the `musl` test
# group compares the two). Their names start with m- so that they do not
# clash with the programs of user/.
MUSL_CC := musl-gcc
MUSL_CFLAGS := -static -std=gnu11 -O2 -g -Wall -Wextra -Werror -pthread
MUSL_PROGS := $(patsubst user/musl/%.c,$(BUILD)/user/musl/%,$(sort $(wildcard user/musl/*.c)))

KERNEL_C_SRCS := $(sort $(filter-out kernel/arch/asm-offsets.c, \
	$(wildcard kernel/*.c kernel/*/*.c lib/*.c)))
KERNEL_S_SRCS := $(sort $(wildcard boot/*.S kernel/*.S kernel/*/*.S))
# The console font comes from Debian's psf-unifont package (tools/setup.sh).
FONT ?= /usr/share/consolefonts/Unifont-APL8x16.psf.gz
KERNEL_OBJS := $(KERNEL_C_SRCS:%.c=$(BUILD)/obj/%.o) \
	$(KERNEL_S_SRCS:%.S=$(BUILD)/obj/%.o) $(BUILD)/obj/generated/font.o
ASM_OFFSETS := $(BUILD)/include/generated/asm-offsets.h
KERNEL_ELF := $(BUILD)/$(NAME).elf
ISO := $(BUILD)/$(NAME).iso
# The initramfs (its rule is under "the bootable ISO"); defined up here
# because the targets below name it among their prerequisites.
INITRAMFS := $(BUILD)/initramfs.cpio
ROOTFS_EXTRA ?=
BUSYBOX ?= /bin/busybox
CMDLINE ?=

HOST_TESTS := $(patsubst tests/host/%.c,$(BUILD)/host/%, \
	$(sort $(wildcard tests/host/test_*.c)))

.PHONY: all kernel user iso run debug test bench bench-linux host-tests deps clean help
all: kernel user iso

help:
	@echo 'Targets:'
	@echo '  make run        install what is missing, build, boot in QEMU'
	@echo '                  (HEADLESS=1: no window; UEFI=1: boot with OVMF)'
	@echo '  make test       install what is missing, build, run every test'
	@echo '                  (T=name runs one test; make test T=list lists them)'
	@echo '  make debug      boot paused under QEMU'"'"'s gdb stub and attach gdb'
	@echo '  make bench      instructions per system call, per entry (QEMU -icount)'
	@echo '  make bench-linux  m-bench on Linux and on this kernel: one table, one plot'
	@echo '  make iso        build $(ISO) (CMDLINE="..." sets the kernel command line)'
	@echo '  make kernel     build $(KERNEL_ELF)'
	@echo '  make user       build the user programs in $(BUILD)/user/bin/'
	@echo '                  and the musl programs in $(BUILD)/user/musl/'
	@echo '  make host-tests build the host-side unit tests of lib/'
	@echo '  make deps       check for (and install) the tools the targets need'
	@echo '  make compile_commands.json   for clangd (needs bear)'
	@echo '  make clean      remove $(BUILD)/'
	@echo 'Variables: CC=clang, CROSS_COMPILE=x86_64-elf-, V=1, BUILD=dir'

kernel: $(KERNEL_ELF)
iso: $(ISO)
user: $(USER_PROGS) $(MUSL_PROGS) $(INITRAMFS)

# --- generated headers ------------------------------------------------
$(BUILD)/asm-offsets.s: kernel/arch/asm-offsets.c Makefile
	$(say) GEN $@
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KERNEL_CFLAGS) -I include -S -o $@ $<

$(ASM_OFFSETS): $(BUILD)/asm-offsets.s
	$(say) GEN $@
	@mkdir -p $(dir $@)
	$(Q){ echo '/* Generated from kernel/arch/asm-offsets.c: do not edit. */'; \
	  echo '#ifndef GENERATED_ASM_OFFSETS_H'; \
	  echo '#define GENERATED_ASM_OFFSETS_H'; \
	  sed -n 's/.*->\([A-Za-z0-9_]*\) [$$]\{0,1\}\([-0-9]*\).*/#define \1 \2/p' $<; \
	  echo '#endif'; } > $@

# --- kernel objects ---------------------------------------------------
$(BUILD)/obj/%.o: %.c Makefile | $(ASM_OFFSETS)
	$(say) CC $<
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KERNEL_CFLAGS) $(KERNEL_CPPFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: %.S Makefile | $(ASM_OFFSETS)
	$(say) AS $<
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KERNEL_ASFLAGS) $(KERNEL_CPPFLAGS) -c -o $@ $<

$(BUILD)/generated/font.c: $(FONT) tools/mkfont.py tools/psf.py
	$(say) GEN $@
	@mkdir -p $(dir $@)
	$(Q)$(PYTHON) tools/mkfont.py $(FONT) $@

$(BUILD)/obj/generated/font.o: $(BUILD)/generated/font.c Makefile
	$(say) CC $<
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KERNEL_CFLAGS) $(KERNEL_CPPFLAGS) -c -o $@ $<

$(BUILD)/linker.ld: linker.ld Makefile
	$(say) CPP $<
	@mkdir -p $(dir $@)
	$(Q)$(CC) -E -P -x c -D__ASSEMBLER__ -I include -MMD -MP -MT $@ -MF $@.d -o $@ $<

# --- linking, twice: the second pass embeds the symbol table ----------
$(BUILD)/ksyms-empty.S: tools/gensyms.sh
	@mkdir -p $(dir $@)
	$(Q)sh tools/gensyms.sh $(NM) - > $@

$(BUILD)/%.o: $(BUILD)/%.S
	$(Q)$(CC) $(KERNEL_ASFLAGS) -c -o $@ $<

$(BUILD)/$(NAME).pass1.elf: $(KERNEL_OBJS) $(BUILD)/ksyms-empty.o $(BUILD)/linker.ld
	$(say) LD $@
	$(Q)$(LD) $(KERNEL_LDFLAGS) -T $(BUILD)/linker.ld -o $@ $(KERNEL_OBJS) $(BUILD)/ksyms-empty.o

$(BUILD)/ksyms.S: $(BUILD)/$(NAME).pass1.elf tools/gensyms.sh
	$(say) GEN $@
	$(Q)sh tools/gensyms.sh $(NM) $< > $@

$(KERNEL_ELF): $(BUILD)/$(NAME).pass1.elf $(BUILD)/ksyms.o
	$(say) LD $@
	$(Q)$(LD) $(KERNEL_LDFLAGS) -T $(BUILD)/linker.ld -o $@ $(KERNEL_OBJS) $(BUILD)/ksyms.o
	@# The table is only right if no text symbol moved between the passes.
	$(Q)$(NM) -n $< | grep ' [tTwW] ' > $(BUILD)/syms.pass1
	$(Q)$(NM) -n $@ | grep ' [tTwW] ' > $(BUILD)/syms.pass2
	$(Q)cmp -s $(BUILD)/syms.pass1 $(BUILD)/syms.pass2 || \
	  { echo 'error: text symbols moved between link passes' >&2; rm -f $@; exit 1; }

# --- user programs ----------------------------------------------------
$(BUILD)/user/obj/%.o: %.c Makefile
	$(say) CC $<
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(USER_CFLAGS) $(USER_CPPFLAGS) -c -o $@ $<

$(BUILD)/user/obj/%.o: %.S Makefile
	$(say) AS $<
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(USER_CFLAGS) -D__ASSEMBLER__ $(USER_CPPFLAGS) -c -o $@ $<

$(USER_LIB): $(filter-out $(USER_CRT0) $(USER_ABI_NOTE),$(USER_LIB_OBJS))
	$(say) AR $@
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# Programs start at _start (crt0), which calls main. A few bring their
# own entry point and no crt0: the demo starts in user_level_function
# itself, as in the seed design; startregs inspects the registers a new
# program starts with.
OWN_ENTRY_demo := user_level_function
OWN_ENTRY_startregs := _start
OWN_ENTRY_crash := _start
PROG_START = $(if $(OWN_ENTRY_$*),-e $(OWN_ENTRY_$*),-e _start $(USER_CRT0))
# hostile puts a SYSCALL in the last bytes of user space (HOSTILE.md 4).
$(BUILD)/user/bin/hostile: USER_LDFLAGS += --section-start=.lastpage=0x7ffffffff000
# ... and is one program in several files, one per group of HOSTILE.md.
HOSTILE_PARTS := $(patsubst %.c,$(BUILD)/user/obj/%.o,$(sort $(wildcard user/hostile/*.c)))
EXTRA_OBJS_hostile := $(HOSTILE_PARTS)
$(BUILD)/user/bin/hostile: $(HOSTILE_PARTS)
# Every program carries the seed ABI's note (user/lib/abi_note.S).
$(BUILD)/user/bin/%: $(BUILD)/user/obj/user/%.o $(USER_LIB) $(USER_CRT0) $(USER_ABI_NOTE)
	$(say) LD $@
	@mkdir -p $(dir $@)
	$(Q)$(LD) $(USER_LDFLAGS) $(PROG_START) -o $@ $< $(EXTRA_OBJS_$*) $(USER_ABI_NOTE) $(USER_LIB)

$(BUILD)/user/bin/bad-%: $(BUILD)/user/bin/startregs tools/mkbadelf.py
	$(say) GEN $@
	$(Q)$(PYTHON) tools/mkbadelf.py $< $* $@

# A musl program is user/musl/NAME.c, and the files of user/musl/NAME/
# when it has grown into parts (as m-bench has).
MUSL_PARTS = $(wildcard user/musl/$*/*.c)
.SECONDEXPANSION:
$(BUILD)/user/musl/%: user/musl/%.c $$(wildcard user/musl/$$*/*.[ch]) Makefile
	$(say) MUSLCC $<
	@mkdir -p $(dir $@)
	$(Q)$(MUSL_CC) $(MUSL_CFLAGS) -MMD -MP -MF $@.d -o $@ $< $(MUSL_PARTS)

# m-pie is a static-pie. musl-gcc's -static-pie links crt1.o and asks for
# a dynamic linker, so the link is spelled out: musl's rcrt1.o (which
# relocates the program itself) and libc.a, from the directory of the
# specs file that musl-gcc passes to gcc.
MUSL_LIBDIR = $(shell sed -n 's|.*-specs "\(.*\)/musl-gcc.specs".*|\1|p' $$(command -v $(MUSL_CC)))
MUSL_HOSTGCC := gcc
$(BUILD)/user/musl/m-pie: user/musl/m-pie.c Makefile
	$(say) MUSLPIE $<
	@mkdir -p $(dir $@)
	$(Q)$(MUSL_CC) $(filter-out -static,$(MUSL_CFLAGS)) -fPIE -MMD -MP -MF $@.d -c -o $@.o $<
	$(Q)$(MUSL_HOSTGCC) -nostdlib -static-pie -o $@ $(MUSL_LIBDIR)/rcrt1.o \
		$(MUSL_LIBDIR)/crti.o $$($(MUSL_HOSTGCC) -print-file-name=crtbeginS.o) $@.o \
		-L$(MUSL_LIBDIR) -lc $$($(MUSL_HOSTGCC) -print-libgcc-file-name) \
		$$($(MUSL_HOSTGCC) -print-file-name=crtendS.o) $(MUSL_LIBDIR)/crtn.o

# --- the bootable ISO -------------------------------------------------
# The initramfs: user/rootfs/, Debian's static busybox with its applets
# (BUSYBOX=, empty for none; docs/busybox.md) and, with ROOTFS_EXTRA=DIR,
# DIR's tree too (docs/files.md). Remade each time (DIR may change); the
# file is only replaced when its bytes change.
$(INITRAMFS): tools/mkinitramfs.sh FORCE
	$(say) CPIO $@
	@mkdir -p $(dir $@)
	$(Q)BUSYBOX=$(BUSYBOX) sh tools/mkinitramfs.sh $@ $(ROOTFS_EXTRA)

$(ISO): $(KERNEL_ELF) $(USER_PROGS) $(MUSL_PROGS) $(INITRAMFS) boot/grub.cfg.in tools/mkiso.sh FORCE
	$(say) ISO $@
	$(Q)sh tools/mkiso.sh $(KERNEL_ELF) '$(CMDLINE)' $@ $(USER_PROGS) $(MUSL_PROGS) $(INITRAMFS)

.PHONY: FORCE
FORCE:

# --- running ----------------------------------------------------------
deps:
	$(Q)sh tools/setup.sh all

run:
	$(Q)sh tools/setup.sh run
	$(Q)$(MAKE) iso
	$(Q)sh tools/run-qemu.sh $(ISO)

debug:
	$(Q)sh tools/setup.sh debug
	$(Q)$(MAKE) iso
	$(Q)sh tools/debug.sh $(KERNEL_ELF) $(ISO)

# --- benchmark --------------------------------------------------------
# A separate build (BENCH=1 adds the bare floor stubs) in $(BUILD)/bench.
bench:
	$(Q)sh tools/setup.sh run
	$(Q)$(MAKE) BUILD=$(BUILD)/bench BENCH=1 CMDLINE="init=bench poweroff" iso
	@# The same kernel with lazy FPU switching, for the bench's fpu row.
	$(Q)sh tools/mkiso.sh $(BUILD)/bench/$(NAME).elf "init=bench poweroff fpu=lazy -- lazy" \
		$(BUILD)/bench/$(NAME)-lazy.iso $(BUILD)/bench/user/bin/bench \
		$(BUILD)/bench/initramfs.cpio
	$(Q)sh tools/bench.sh $(BUILD)/bench/$(NAME).iso $(BUILD)/bench/$(NAME)-lazy.iso

# m-bench (user/musl/m-bench.c), one static Linux program, on Debian's
# cloud kernel and on this one under the same QEMU flags: one table, and
# a plot in $(BUILD)/bench/bench-linux.svg (README.md, make bench). Linux
# is fetched once into $(BUILD)/linux. BENCH_MODE=quick: small counts.
BENCH_MODE ?= full
bench-linux:
	$(Q)sh tools/setup.sh bench
	$(Q)$(MAKE) BUILD=$(BUILD)/bench BENCH=1 CMDLINE="init=bench poweroff" iso
	$(Q)sh tools/mkiso.sh $(BUILD)/bench/$(NAME).elf "init=m-bench poweroff -- $(BENCH_MODE)" \
		$(BUILD)/bench/$(NAME)-mbench.iso $(BUILD)/bench/user/musl/m-bench \
		$(BUILD)/bench/initramfs.cpio
	$(Q)LINUX_CACHE=$(BUILD)/linux BUSYBOX=$(BUSYBOX) sh tools/bench-linux.sh $(BUILD)/bench \
		$(BUILD)/bench/$(NAME)-mbench.iso \
		$(BUILD)/bench/user/musl/m-bench $(BENCH_MODE)

# --- tests ------------------------------------------------------------
$(BUILD)/host/%: tests/host/%.c $(wildcard lib/*.c include/lib/*.h include/uapi/*.h \
	include/kernel/trace_names.h tests/host/*.h kernel/drivers/vt*.[ch] \
	include/kernel/vt.h include/kernel/console.h) Makefile
	$(say) HOSTCC $<
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $<

host-tests: $(HOST_TESTS)

test:
	$(Q)sh tools/setup.sh test
	$(Q)$(MAKE) kernel user host-tests
	$(Q)BUILD=$(BUILD) NM=$(NM) FONT=$(FONT) $(PYTHON) tests/run.py $(if $(T),--only '$(T)')

.PHONY: compile_commands.json
compile_commands.json:
	$(Q)sh tools/setup.sh dev
	bear -- $(MAKE) -B kernel user host-tests

clean:
	rm -rf $(BUILD)

-include $(KERNEL_OBJS:.o=.d) $(USER_LIB_OBJS:.o=.d) \
	$(USER_PROGS:$(BUILD)/user/bin/%=$(BUILD)/user/obj/user/%.d) $(HOSTILE_PARTS:.o=.d) $(BUILD)/linker.ld.d \
	$(MUSL_PROGS:%=%.d)
