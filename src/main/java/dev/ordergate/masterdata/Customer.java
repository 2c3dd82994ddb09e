package dev.ordergate.masterdata;

public record Customer(String ref, String name, String countryCode, String paymentTerms) {
}
