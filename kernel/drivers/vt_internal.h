/* SPDX-License-Identifier: MIT */
/*
 * Inside the terminal emulator: what the parser (vt.c) asks of the
 * actions (vt_actions.c). Nothing else includes this.
 */
#ifndef KERNEL_DRIVERS_VT_INTERNAL_H
#define KERNEL_DRIVERS_VT_INTERNAL_H

#include <kernel/vt.h>

extern const struct vt_attrs vt_default_attrs;

/* Colours and characters. */
uint32_t vt_nearest(uint32_t rgb);
uint32_t vt_colour_256(unsigned int n);
struct vt_cell vt_pen(const struct vt *vt, uint32_t ch);
struct vt_cell vt_blank(const struct vt *vt);
bool vt_utf8_decode(struct vt_utf8 *u, uint8_t b, uint32_t *cp);

/* The screen, with every range clamped to the grid. */
void vt_clear(struct vt *vt, unsigned int top, unsigned int left,
	      unsigned int bottom, unsigned int right,
	      const struct vt_cell *fill);
void vt_scroll(struct vt *vt, unsigned int top, unsigned int bottom, long n,
	       const struct vt_cell *fill);
void vt_shift(struct vt *vt, unsigned int row, unsigned int col, long n,
	      const struct vt_cell *fill);

/* The cursor. */
void vt_move_to(struct vt *vt, long row, long col);
void vt_line_feed(struct vt *vt, bool whole_screen,
		  const struct vt_cell *fill);
void vt_reverse_index(struct vt *vt);
void vt_cursor_up(struct vt *vt, unsigned int n);
void vt_cursor_down(struct vt *vt, unsigned int n);
void vt_tab(struct vt *vt, unsigned int n, bool forward);
void vt_save_cursor(struct vt *vt);
void vt_restore_cursor(struct vt *vt);
void vt_show_cursor(struct vt *vt);

/* Characters, controls and the edits of whole areas. */
void vt_put_char(struct vt *vt, const struct vt_cell *c, bool kernel);
void vt_print(struct vt *vt, uint32_t ch);
void vt_execute(struct vt *vt, uint8_t c);
void vt_erase_display(struct vt *vt, unsigned int how);
void vt_erase_line(struct vt *vt, unsigned int how);
void vt_insert_lines(struct vt *vt, long n);

/* Answers, resets, the alternate screen. */
void vt_reply(struct vt *vt, const char *fmt, unsigned int a, unsigned int b);
void vt_soft_reset(struct vt *vt);
void vt_full_reset(struct vt *vt);
void vt_alternate_screen(struct vt *vt, bool enter, bool with_cursor);

#endif
