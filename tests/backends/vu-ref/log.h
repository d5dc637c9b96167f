/* The daemon's log: one line per connection and per error, and the first
 * few planted actions. A run sends hundreds of thousands of messages, so
 * nothing here is per message, and action lines are capped twice: per
 * kind of action (key) and in total. */
#ifndef VU_LOG_H
#define VU_LOG_H

#define VU_LOG_ACTIONS_MAX 100
#define VU_LOG_PER_KEY 5
/* keys: config offsets 0..255, then these */
#define VU_LOG_KEY_SENT 256
#define VU_LOG_KEYS 257

/* An error or a connection event: always written. */
void vu_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A planted action; key groups actions of one kind (the config offset):
 * the first VU_LOG_PER_KEY of a key and VU_LOG_ACTIONS_MAX in all. */
void vu_log_action(unsigned key, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Unit tests: no output, and the caps start again. */
void vu_log_set_quiet(int quiet);
void vu_log_reset(void);
#endif
