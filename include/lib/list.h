/* SPDX-License-Identifier: MIT */
/*
 * include/lib/list.h - circular doubly linked lists, Linux's list_head.
 *
 * A list is a struct list_node used as its head; each member embeds a
 * struct list_node of its own, and list_entry() gets from that node back
 * to the member. An empty list, and a node on no list, point at
 * themselves: so list_del() of a node that is on no list does nothing,
 * and every operation is a few pointer writes, whatever the list's
 * length.
 *
 *   head <-> a.node <-> b.node <-> c.node <-> (head again)
 */
#ifndef LIB_LIST_H
#define LIB_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list_node {
	struct list_node *next, *prev;
};

/* A head, or a node on no list, that points at itself. */
static inline void list_init(struct list_node *n)
{
	n->next = n->prev = n;
}

static inline bool list_empty(const struct list_node *head)
{
	return head->next == head;
}

/* Is @n the last node of the list @head? */
static inline bool list_is_last(const struct list_node *n,
				const struct list_node *head)
{
	return n->next == head;
}

/* Put @n before @at: at the end of a list when @at is its head. */
static inline void list_add_before(struct list_node *n, struct list_node *at)
{
	n->prev = at->prev;
	n->next = at;
	at->prev->next = n;
	at->prev = n;
}

static inline void list_add_tail(struct list_node *n, struct list_node *head)
{
	list_add_before(n, head);
}

/* Take @n off its list (if any); it is then on none. */
static inline void list_del(struct list_node *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	list_init(n);
}

/* @new takes @old's place in its list (@old's head's place too, when
 * @old is a head); @old is then on none. */
static inline void list_replace(struct list_node *old, struct list_node *new)
{
	if (list_empty(old)) {
		list_init(new);
		return;
	}
	new->next = old->next;
	new->prev = old->prev;
	new->next->prev = new;
	new->prev->next = new;
	list_init(old);
}

/* Move every node of @from to the end of @to; @from is then empty. */
static inline void list_splice_tail(struct list_node *from, struct list_node *to)
{
	if (list_empty(from))
		return;
	from->next->prev = to->prev;
	to->prev->next = from->next;
	from->prev->next = to;
	to->prev = from->prev;
	list_init(from);
}

/* The structure of type @type whose member @member is at @ptr. */
#define container_of(ptr, type, member)                                        \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define list_entry(node, type, member) container_of(node, type, member)

/* Each @pos (a pointer to the structure) on the list @head, in order. */
#define list_for_each_entry(pos, head, member)                                 \
	for (pos = list_entry((head)->next, __typeof__(*pos), member);         \
	     &pos->member != (head);                                           \
	     pos = list_entry(pos->member.next, __typeof__(*pos), member))

/* The same, where the loop may take @pos off the list (@tmp keeps the
 * next one). */
#define list_for_each_entry_safe(pos, tmp, head, member)                       \
	for (pos = list_entry((head)->next, __typeof__(*pos), member),         \
	    tmp = list_entry(pos->member.next, __typeof__(*pos), member);      \
	     &pos->member != (head);                                           \
	     pos = tmp,                                                        \
	    tmp = list_entry(tmp->member.next, __typeof__(*pos), member))

#endif
