package com.example.imoc.people;

public enum Region {

	APAC, EMEA, AMER

}
