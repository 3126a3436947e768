-- Exclusions were one query, terms side by side all needed ("x12 buds": both); since 4.99 terms
-- side by side are alternatives, as the form's "Exclude when any of" says. Rules saved before
-- keep what they meant: their exclusions go in parentheses, inside which terms side by side are
-- still all needed (and a NOT still binds to what is before it).
update listening_rule
   set exclusions = '(' || exclusions || ')'
 where exclusions is not null
   and trim(exclusions) <> ''
   and length(exclusions) <= 3998;
