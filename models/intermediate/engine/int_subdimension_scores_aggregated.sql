{#-
    Scores of the 6 sub-dimensions (methodology §5): the weighted sum of their indicators'
    normalised values, on the 0–1 scale (unit_score) and the published 0–100 scale (score).
-#}
{{ bdi.level_scores(ref('int_indicator_values_normalized'), 'indicator_code', 'normalized_value', ref('int_indicator_weights_computed')) }}
