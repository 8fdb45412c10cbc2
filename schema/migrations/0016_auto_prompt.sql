-- Asking at the right moment (README: "Asking at the right moment"). A site's switch for auto-prompts, off for
-- every existing site (its pages opted in to a button, not to being interrupted), with the recontact wait of
-- external sites; and a survey's triggers, targeting and display limit, JSON (schema/prompt.ts
-- PromptSettings) or NULL for a survey that never asks by itself. Settings only: nothing about visitors.
ALTER TABLE sites ADD COLUMN auto_prompt INTEGER NOT NULL DEFAULT 0 CHECK (auto_prompt IN (0, 1));
ALTER TABLE sites ADD COLUMN recontact_days INTEGER NOT NULL DEFAULT 7 CHECK (recontact_days BETWEEN 0 AND 365);
ALTER TABLE surveys ADD COLUMN prompt TEXT;
