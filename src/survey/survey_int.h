/* survey internals shared by survey.c, survey_results.c and
 * survey_forms.c. Not part of the contract. */
#ifndef YK_SURVEY_INT_H
#define YK_SURVEY_INT_H

#include "survey/survey.h"

/* Trims ASCII white space and U+3000 at both ends of (*s, *len). */
void survey__trim(const char **s, size_t *len);
/* The first column of a one-row query with one or two integer parameters;
 * -1 on error. */
int64_t survey__count(struct store *db, const char *sql, int64_t a, int64_t b);
/* survey_create / survey_add_question inside the caller's transaction. */
int survey__create_in_tx(struct store *db, const struct survey_spec *spec, int64_t *id,
			 struct yk_errinfo *ei) YK_WUR;
int survey__add_question_in_tx(struct store *db, int64_t survey_id,
			       const struct survey_question_spec *q, int64_t *question_id,
			       struct yk_errinfo *ei) YK_WUR;
/* survey_submit on an already loaded survey, inside the caller's transaction. */
int survey__submit_loaded(struct store *db, const struct survey *sv, int64_t staff_id,
			  const struct survey_answer *answers, size_t n,
			  struct yk_errinfo *ei) YK_WUR;

#endif
