-- How readers answered the quizzes, as counts only. Nothing here says who
-- answered or when: no address, cookie, user agent or time per answer.
-- The two dialects' files of this number are the same; keep them alike.
-- "version" is the quiz's version (answers.Version): the counts of a quiz
-- whose questions or choices change start again at zero.

-- +goose Up

-- Per question: how many readers answered it, and how many got it right.
CREATE TABLE answer_questions (
    case_id  TEXT NOT NULL,
    version  TEXT NOT NULL,
    question TEXT NOT NULL,
    answered BIGINT NOT NULL CHECK (answered >= 0),
    correct  BIGINT NOT NULL CHECK (correct >= 0),
    PRIMARY KEY (case_id, version, question)
);

-- Per choice of a question: how many readers picked it.
CREATE TABLE answer_choices (
    case_id  TEXT NOT NULL,
    version  TEXT NOT NULL,
    question TEXT NOT NULL,
    choice   INTEGER NOT NULL CHECK (choice >= 0),
    picked   BIGINT NOT NULL CHECK (picked >= 0),
    PRIMARY KEY (case_id, version, question, choice)
);

-- Per quiz: how many readers finished it with each score (questions right).
CREATE TABLE answer_scores (
    case_id TEXT NOT NULL,
    version TEXT NOT NULL,
    score   INTEGER NOT NULL CHECK (score >= 0),
    readers BIGINT NOT NULL CHECK (readers >= 0),
    PRIMARY KEY (case_id, version, score)
);

-- +goose Down
DROP TABLE answer_scores;
DROP TABLE answer_choices;
DROP TABLE answer_questions;
