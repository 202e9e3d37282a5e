// SPDX-License-Identifier: MIT
/*
 * Finding processes without looking at every one. Each question the
 * kernel asks about other processes has a structure of its own, so that
 * answering it costs what the answer holds, never the number of
 * processes in the system (docs/syscalls.md, section 8):
 *
 *   by thread id      pid_hash: 256 chains, a thread in chain pid % 256
 *                     (find_thread: kill, tgkill, setpgid, /proc/PID)
 *   by parent         a leader's children list, of the leaders it made
 *                     (wait4, and its orphans when it ends)
 *   by thread group   a leader's thread list, of its threads, itself too
 *                     (signals to a process, exit_group, execve)
 *   by process group  pgrp_hash: 256 chains, a leader in chain pgid % 256
 *                     (kill(0), kill(-pgid), the terminal's signals)
 *   in pid order      proc_list (kernel/proc/proc.c), oldest first, which
 *                     is ascending pids: pids only grow (/proc's listing)
 *
 * Only kill(-1), /proc/meminfo's count of memory, a session losing its
 * terminal and the load average every 5 s still walk proc_list.
 *
 * Every one is a list of <lib/list.h>: joining and leaving one is a few
 * pointer writes, and a process leaves them all in free_proc().
 */
#include <kernel/proc.h>
#include <lib/list.h>

/* Chains per hash table: a power of two, like sched.c's wait chains. */
#define PID_HASH_SIZE 256

static struct list_node pid_hash[PID_HASH_SIZE];
static struct list_node pgrp_hash[PID_HASH_SIZE];

/* The chain of @table that @id falls in. A static table starts zeroed,
 * which is no valid list: each chain becomes an empty one at first use. */
static struct list_node *chain(struct list_node *table, int id)
{
	struct list_node *head = &table[(unsigned int)id % PID_HASH_SIZE];

	if (!head->next)
		list_init(head);
	return head;
}

struct list_node *pgrp_chain(int pgid)
{
	return chain(pgrp_hash, pgid);
}

/**
 * proc_link - a new process @p, its pid just given, joins the pid hash
 * as a group of one: its own leader, its only thread, with no parent, no
 * children and no process group yet (ids_init gives it one).
 */
void proc_link(struct process *p)
{
	list_add_tail(&p->pid_node, chain(pid_hash, p->pid));
	list_init(&p->pgrp_node);
	list_init(&p->children);
	list_init(&p->sibling);
	list_init(&p->thread_head);
	list_init(&p->thread_node);
	list_add_tail(&p->thread_node, &p->thread_head);
	list_init(&p->reap_node);
}

/* proc_unlink - @p is being freed: it leaves every list it is on. */
void proc_unlink(struct process *p)
{
	list_del(&p->pid_node);
	list_del(&p->pgrp_node);
	list_del(&p->sibling);
	list_del(&p->thread_node);
	/* Only a leader whose children and threads have all gone is freed;
	 * should one be left, it stays on a list without a head. */
	list_del(&p->children);
	list_del(&p->thread_head);
	list_del(&p->reap_node);
}

/* The thread whose id is @pid, in whatever state, or NULL. Ids are
 * unique among the threads there are: execve's change of one
 * (proc_take_place) takes the old owner out first. */
static struct process *pid_lookup(int pid)
{
	struct process *p;

	list_for_each_entry(p, chain(pid_hash, pid), pid_node)
		if (p->pid == pid)
			return p;
	return NULL;
}

struct process *find_thread(int tid)
{
	struct process *p = pid_lookup(tid);

	if (!p || p->state == PROC_UNUSED || p->state == PROC_ZOMBIE)
		return NULL;
	return p;
}

struct process *find_thread_any(int tid)
{
	struct process *p = pid_lookup(tid);

	return p && p->state != PROC_UNUSED ? p : NULL;
}

struct process *proc_next(const struct process *p)
{
	if (list_is_last(&p->proc_node, &proc_list))
		return NULL;
	return list_entry(p->proc_node.next, struct process, proc_node);
}

struct process *proc_first_from(int pid)
{
	struct process *p = pid_lookup(pid - 1);

	/* proc_list is in pid order: after pid - 1 comes the first >= pid
	 * (a reader of /proc goes on from the last pid it was given). */
	if (p)
		return proc_next(p);
	if ((p = pid_lookup(pid)))
		return p;
	/* Neither is there any more: the list from its start. */
	for_each_process(p)
		if (p->pid >= pid)
			return p;
	return NULL;
}

void proc_set_parent(struct process *child, struct process *parent)
{
	list_del(&child->sibling);
	child->parent = parent;
	if (parent)
		list_add_tail(&child->sibling, &parent->children);
}

void proc_set_pgid(struct process *p, int pgid)
{
	list_del(&p->pgrp_node);
	p->pgid = pgid;
	list_add_tail(&p->pgrp_node, pgrp_chain(pgid));
}

void proc_join_group(struct process *t, struct process *leader)
{
	t->tgid = leader->tgid;
	t->leader = leader;
	leader->threads++;
	list_del(&t->thread_node);
	list_add_tail(&t->thread_node, &leader->thread_head);
	list_del(&t->pgrp_node); /* a process's group is its leader's */
}

/**
 * proc_take_place - execve from a thread that is not the leader (Linux's
 * de_thread): @p, the process's only live thread now, takes the ended
 * @leader's identity and every place the leader had: its pid, its place
 * in pid order, its parent, children and process group, and the head of
 * its threads. The old leader keeps none: nobody will wait for it.
 */
void proc_take_place(struct process *p, struct process *leader)
{
	struct process *q;

	list_del(&leader->pid_node);
	list_del(&p->pid_node);
	p->pid = p->tgid = leader->pid;
	list_add_tail(&p->pid_node, chain(pid_hash, p->pid));
	list_del(&p->proc_node); /* proc_list stays in pid order */
	list_add_before(&p->proc_node, &leader->proc_node);
	list_del(&leader->proc_node);

	p->parent = leader->parent;
	leader->parent = NULL;
	list_replace(&leader->sibling, &p->sibling);
	list_replace(&leader->children, &p->children);
	list_for_each_entry(q, &p->children, sibling)
		q->parent = p;
	p->pgid = leader->pgid;
	list_replace(&leader->pgrp_node, &p->pgrp_node);
	p->child_subreaper = leader->child_subreaper;
	p->adopted_by_init = leader->adopted_by_init;
	list_replace(&leader->thread_head, &p->thread_head);
	list_for_each_entry(q, &p->thread_head, thread_node)
		q->leader = p; /* the old leader and the other zombies too */
	p->threads = 1;
	leader->threads = 0;
}
