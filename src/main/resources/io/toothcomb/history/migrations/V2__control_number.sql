-- Our own control numbers (ISA13, GS06, ST02 of every 999, 277CA and TA1 we write), kept with the history so that
-- every scrubber sharing this database draws from one sequence. next_value is the next number to hand out
-- (1 to 999999999, then 1 again); a taker locks the row (SELECT ... FOR UPDATE), reads it and moves it on in
-- one transaction.
CREATE TABLE control_number (
    sequence_name VARCHAR(32) PRIMARY KEY,
    next_value BIGINT NOT NULL
)
;
INSERT INTO control_number (sequence_name, next_value) VALUES ('answers', 1)
;
