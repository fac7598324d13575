package io.toothcomb.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.model.ToothDesignation.Kind;
import io.toothcomb.model.ToothDesignation.ToothClass;
import org.junit.jupiter.api.Test;

class ToothDesignationTest {

    @Test
    void kinds() {
        assertEquals(Kind.PERMANENT, ToothDesignation.parse("1").kind());
        assertEquals(Kind.PERMANENT, ToothDesignation.parse("32").kind());
        assertEquals(Kind.PRIMARY, ToothDesignation.parse("T").kind());
        assertEquals(Kind.SUPERNUMERARY_PERMANENT, ToothDesignation.parse("51").kind());
        assertEquals(Kind.SUPERNUMERARY_PERMANENT, ToothDesignation.parse("82").kind());
        assertEquals(Kind.SUPERNUMERARY_PRIMARY, ToothDesignation.parse("AS").kind());
        assertEquals(Kind.SUPERNUMERARY_PRIMARY, ToothDesignation.parse("TS").kind());
        for (String bad : new String[] {"0", "05", "33", "50", "83", "U", "a", "US", "AX", "123", "", "1A"}) {
            assertFalse(ToothDesignation.parse(bad).valid(), bad);
        }
    }

    @Test
    void classesFollowTheUniversalSystem() {
        assertEquals(ToothClass.MOLAR, ToothDesignation.parse("1").toothClass());
        assertEquals(ToothClass.PREMOLAR, ToothDesignation.parse("4").toothClass());
        assertEquals(ToothClass.CANINE, ToothDesignation.parse("6").toothClass());
        assertEquals(ToothClass.INCISOR, ToothDesignation.parse("8").toothClass());
        assertEquals(ToothClass.INCISOR, ToothDesignation.parse("9").toothClass());
        assertEquals(ToothClass.CANINE, ToothDesignation.parse("11").toothClass());
        assertEquals(ToothClass.PREMOLAR, ToothDesignation.parse("13").toothClass());
        assertEquals(ToothClass.MOLAR, ToothDesignation.parse("14").toothClass());
        assertEquals(ToothClass.MOLAR, ToothDesignation.parse("17").toothClass());
        assertEquals(ToothClass.PREMOLAR, ToothDesignation.parse("20").toothClass());
        assertEquals(ToothClass.CANINE, ToothDesignation.parse("22").toothClass());
        assertEquals(ToothClass.INCISOR, ToothDesignation.parse("25").toothClass());
        assertEquals(ToothClass.CANINE, ToothDesignation.parse("27").toothClass());
        assertEquals(ToothClass.PREMOLAR, ToothDesignation.parse("29").toothClass());
        assertEquals(ToothClass.MOLAR, ToothDesignation.parse("30").toothClass());
        // supernumerary teeth take their neighbour's class
        assertEquals(ToothClass.MOLAR, ToothDesignation.parse("51").toothClass());
        assertEquals(ToothClass.CANINE, ToothDesignation.parse("56").toothClass());
        // primary: A,B molars, C canine, D,E incisors …
        assertEquals(ToothClass.MOLAR, ToothDesignation.parse("A").toothClass());
        assertEquals(ToothClass.CANINE, ToothDesignation.parse("C").toothClass());
        assertEquals(ToothClass.INCISOR, ToothDesignation.parse("E").toothClass());
        assertEquals(ToothClass.INCISOR, ToothDesignation.parse("F").toothClass());
        assertEquals(ToothClass.CANINE, ToothDesignation.parse("H").toothClass());
        assertEquals(ToothClass.MOLAR, ToothDesignation.parse("J").toothClass());
        assertEquals(ToothClass.MOLAR, ToothDesignation.parse("K").toothClass());
        assertEquals(ToothClass.CANINE, ToothDesignation.parse("M").toothClass());
        assertEquals(ToothClass.CANINE, ToothDesignation.parse("R").toothClass());
        assertEquals(ToothClass.MOLAR, ToothDesignation.parse("TS").toothClass());
        assertTrue(ToothDesignation.parse("7").anterior());
        assertTrue(ToothDesignation.parse("L").posterior());
    }

    @Test
    void quadrantsAndArches() {
        assertEquals("10", ToothDesignation.parse("8").quadrant());
        assertEquals("20", ToothDesignation.parse("9").quadrant());
        assertEquals("30", ToothDesignation.parse("24").quadrant());
        assertEquals("40", ToothDesignation.parse("25").quadrant());
        assertEquals("10", ToothDesignation.parse("E").quadrant());
        assertEquals("20", ToothDesignation.parse("F").quadrant());
        assertEquals("30", ToothDesignation.parse("O").quadrant());
        assertEquals("40", ToothDesignation.parse("P").quadrant());
        assertEquals("20", ToothDesignation.parse("66").quadrant());
        assertEquals("01", ToothDesignation.parse("16").arch());
        assertEquals("02", ToothDesignation.parse("17").arch());
    }
}
