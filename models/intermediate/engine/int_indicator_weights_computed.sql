{#-
    Weights of the 18 indicators within their sub-dimension (methodology §4), from the
    normalised values, by the method of var('weighting_method').
-#}
{{ bdi.level_weights(ref('int_indicator_values_normalized'), 'indicator_code', 'normalized_value') }}
