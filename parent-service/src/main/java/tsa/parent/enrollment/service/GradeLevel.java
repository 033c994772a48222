package tsa.parent.enrollment.service;

import java.util.List;

/** The Ed-Fi {@code GradeLevelDescriptor} code values a parent may give (the contract's {@code GradeLevel}). */
public final class GradeLevel {

    public static final List<String> VALUES = List.of(
            "Infant/toddler",
            "Preschool/Prekindergarten",
            "Kindergarten",
            "First grade",
            "Second grade",
            "Third grade",
            "Fourth grade",
            "Fifth grade",
            "Sixth grade",
            "Seventh grade",
            "Eighth grade",
            "Ninth grade",
            "Tenth grade",
            "Eleventh grade",
            "Twelfth grade");

    private GradeLevel() {}

    public static boolean isKnown(String value) {
        return VALUES.contains(value);
    }
}
