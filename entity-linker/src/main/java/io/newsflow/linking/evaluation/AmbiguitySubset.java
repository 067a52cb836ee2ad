package io.newsflow.linking.evaluation;

import java.util.Set;
import java.util.regex.Pattern;

/**
  * The ambiguity subset of the corpus README: mentions whose surface has more than one plausible referent.
  *
  * <p>English surfaces (exact, whole surface): Austin, Kursk, Georgia, Washington, Jordan, Paris, Turkey,
  * Turkiye, Türkiye, Lebanon, and the capital-city metonyms Kyiv, Kiev, Moscow, Pyongyang, Seoul, Ankara,
  * Tbilisi, Amman. Ukrainian: the single-word forms of the same names in any case (Київ, Києва, Києві, …,
  * Москва/Москви/…, Пхеньян…, Сеул…, Анкара…, Тбілісі, Амман…, Курськ/Курська/Курську/Курськом, Остін…,
  * Вашингтон…, Грузія…, Йорданія…, Париж…, Туреччина…, Ліван…). Multi-word names such as {@code Kursk region}
  * or {@code Курська область} are not in the subset: their surface already settles the referent.
  */
public final class AmbiguitySubset {

    private static final Set<String> ENGLISH = Set.of("Austin", "Kursk", "Georgia", "Washington", "Jordan", "Paris",
            "Turkey", "Turkiye", "Türkiye", "Lebanon", "Kyiv", "Kiev", "Moscow", "Pyongyang", "Seoul", "Ankara",
            "Tbilisi", "Amman");

    private static final Pattern UKRAINIAN = Pattern.compile(String.join("|",
            "Київ", "Києв(а|і|у|ом)",
            "Москв(а|и|і|у|ою)",
            "Пхеньян(а|і|у|ом)?",
            "Сеул(а|і|у|ом)?",
            "Анкар(а|и|і|у|ою)",
            "Тбілісі",
            "Амман(а|і|у|ом)?",
            "Курськ(а|у|ом|ові)?",
            "Остін(а|і|у|ом|ові)?",
            "Вашингтон(а|і|у|ом|ові)?",
            "Грузі(я|ї|ю|єю)",
            "Йордані(я|ї|ю|єю)",
            "Париж(а|і|у|ем)?",
            "Туреччин(а|и|і|у|ою)",
            "Ліван(у|і|ом)?"));

    private AmbiguitySubset() {}

    /** Whether a mention with this exact surface belongs to the subset. */
    public static boolean contains(String surface) {
        return ENGLISH.contains(surface) || UKRAINIAN.matcher(surface).matches();
    }
}
